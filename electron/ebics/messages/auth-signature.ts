/**
 * The `AuthSignature` skeleton that every signed request carries between
 * `header` and `body`. The X002 signer (electron/ebics/crypto/x002.ts) fills
 * `ds:DigestValue` and `ds:SignatureValue`; here they stay empty (an empty
 * base64Binary is schema-valid).
 *
 * The reference selects `//*[@authenticate='true']`: in requests that is the
 * `header`, and in the body the elements the schema gives the
 * `AuthenticationMarker` attribute group: `PreValidation`,
 * `DataTransfer/DataEncryptionInfo`, `DataTransfer/SignatureData` and
 * `TransferReceipt`. The builders set `authenticate="true"` on exactly those.
 */
import { ALGORITHM, NS } from './versions';
import type { XMLBuilder } from './xml-write';

export const AUTHENTICATE = { authenticate: 'true' } as const;

export const AUTH_REFERENCE_URI = "#xpointer(//*[@authenticate='true'])";

/** Appends `<AuthSignature>` (in the EBICS namespace of `parent`) with an unsigned `ds:SignedInfo`. */
export function appendAuthSignature(parent: XMLBuilder): void {
  const sig = parent.ele('AuthSignature');
  const info = sig.ele(NS.ds, 'ds:SignedInfo');
  info.ele(NS.ds, 'ds:CanonicalizationMethod', { Algorithm: ALGORITHM.c14n });
  info.ele(NS.ds, 'ds:SignatureMethod', { Algorithm: ALGORITHM.rsaSha256 });
  const ref = info.ele(NS.ds, 'ds:Reference', { URI: AUTH_REFERENCE_URI });
  ref.ele(NS.ds, 'ds:Transforms').ele(NS.ds, 'ds:Transform', { Algorithm: ALGORITHM.c14n });
  ref.ele(NS.ds, 'ds:DigestMethod', { Algorithm: ALGORITHM.sha256 });
  ref.ele(NS.ds, 'ds:DigestValue');
  sig.ele(NS.ds, 'ds:SignatureValue');
}
