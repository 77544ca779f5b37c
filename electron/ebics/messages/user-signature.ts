/**
 * `UserSignatureData`: the envelope of the order signature (ES), S001 for
 * H004, S002 for H005. The crypto pipeline deflates and encrypts it into the
 * upload's `SignatureData`.
 */
import { z } from 'zod';
import { bytesSchema, check, nonEmptyBytesSchema, signatureVersionSchema, subscriberIdSchema, versionSchema } from './params';
import { VERSIONS } from './versions';
import { b64, finish, newDocument, textElement, writeX509Data } from './xml-write';

const orderSignatureSchema = z.object({
  signatureVersion: signatureVersionSchema,
  /** The raw RSA signature (A005 PKCS#1 v1.5 or A006 PSS). */
  signatureValue: nonEmptyBytesSchema,
  partnerId: subscriberIdSchema,
  userId: subscriberIdSchema,
  /** The signer's certificate (DER); optional in both versions. */
  certificate: bytesSchema.optional(),
});
export type OrderSignature = z.input<typeof orderSignatureSchema>;

const userSignatureSchema = z.object({
  version: versionSchema,
  signatures: z.array(orderSignatureSchema).min(1),
});
export type UserSignatureDataParams = z.input<typeof userSignatureSchema>;

export function buildUserSignatureData(params: UserSignatureDataParams): string {
  const p = check(userSignatureSchema, params, 'order signature');
  const withDs = p.signatures.some((s) => s.certificate !== undefined);
  const root = newDocument(VERSIONS[p.version].signatureNamespace, 'UserSignatureData', {}, withDs);
  for (const s of p.signatures) {
    const el = root.ele('OrderSignatureData');
    textElement(el, 'SignatureVersion', s.signatureVersion);
    textElement(el, 'SignatureValue', b64(s.signatureValue));
    textElement(el, 'PartnerID', s.partnerId);
    textElement(el, 'UserID', s.userId);
    if (s.certificate) writeX509Data(el, s.certificate);
  }
  return finish(root);
}
