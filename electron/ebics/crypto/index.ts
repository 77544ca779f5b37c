/** EBICS cryptography and order-data pipeline: plain Node, no Electron. */
export {
  generateKeyPair,
  generateKeyPairAsync,
  exportPrivateDer,
  importPrivateDer,
  publicKeyFromModExp,
  modExpOf,
  rsaKeyBits,
  selfSignedCertificate,
  certificatePublicKey,
} from './keys';
export type { RsaKeyBits, RsaKeyPair, CertificateOptions, CertificateUsage } from './keys';
export { publicKeyHash, publicKeyHashInput, certificateHash, formatHashForLetter, hashToBase64 } from './hashes';
export { canonicalize } from './c14n';
export { parseXml, MAX_XML_CHARS, MAX_XML_DEPTH } from './xml';
export {
  signRequest,
  verifyResponse,
  digestOf,
  authSignatureXml,
  authenticatedElements,
  DS_NAMESPACE,
  C14N_ALGORITHM,
  RSA_SHA256_ALGORITHM,
  SHA256_DIGEST_ALGORITHM,
  AUTHENTICATED_REFERENCE_URI,
} from './x002';
export type { AuthSignatureXmlOptions } from './x002';
export {
  newTransactionKey,
  aesEncrypt,
  aesDecrypt,
  encryptTransactionKey,
  decryptTransactionKey,
  TRANSACTION_KEY_BYTES,
} from './e002';
export { signOrderData, orderDataDigest, stripForSignature } from './order-signature';
export type { SignatureVersion } from './order-signature';
export { verifyOrderSignature } from './verify-order-signature';
export {
  packOrderData,
  unpackOrderData,
  segmentCount,
  splitSegments,
  decodeSegments,
  base64Length,
  SEGMENT_SIZE,
  MAX_ORDER_DATA_BYTES,
} from './pipeline';
export type { PackedOrderData, UnpackOptions } from './pipeline';
