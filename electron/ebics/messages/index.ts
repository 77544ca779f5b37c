/** EBICS message building and response reading for H004 (EBICS 2.5) and H005 (EBICS 3.0). */
export * from './versions';
export {
  DEFAULT_PRODUCT,
  newNonce,
  ebicsTimestamp,
  type BankKeyDigests,
  type Product,
  type SecuredHeaderParams,
  type SignatureVersion,
  type SubscriberParams,
} from './params';
export { AUTH_REFERENCE_URI } from './auth-signature';
export * from './catalogue';
export * from './hev';
export * from './key-management';
export * from './transfers';
export * from './user-signature';
export * from './responses';
export * from './hpb-order-data';
export * from './return-codes';
export { DEFAULT_MAX_XML_BYTES, type ReadOptions } from './xml-read';
