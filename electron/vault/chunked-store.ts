import { KontorError } from '../../shared/errors';
import type { SecretStore } from './keychain';

const MARK = 'kontor-chunked:v1:';

/**
 * Windows Credential Manager holds at most 2560 bytes per credential, less
 * than three RSA keys need. On Windows a bank access's one logical entry is
 * therefore spread over `account`, `account#2`, … ; the first part records how
 * many there are, so a partial set is detected instead of read as keys.
 * Secrets here are ASCII (JSON with base64), so characters equal bytes.
 */
export function chunkedSecretStore(inner: SecretStore, limitBytes: number): SecretStore {
  const part = (account: string, i: number) => (i === 1 ? account : `${account}#${i}`);
  const headerRoom = MARK.length + 8;
  if (limitBytes <= headerRoom) throw new RangeError('chunk limit too small');

  function partsOf(first: string): number | null {
    if (!first.startsWith(MARK)) return null;
    const rest = first.slice(MARK.length);
    const colon = rest.indexOf(':');
    const n = Number(rest.slice(0, colon));
    return Number.isInteger(n) && n >= 1 ? n : null;
  }

  return {
    backend: inner.backend,
    get(account) {
      const first = inner.get(account);
      if (first === null) return null;
      const n = partsOf(first);
      if (n === null) return first;
      const pieces = [first.slice(first.indexOf(':', MARK.length) + 1)];
      for (let i = 2; i <= n; i++) {
        const piece = inner.get(part(account, i));
        if (piece === null) {
          throw new KontorError('vault.corrupt', 'Part of the keys stored in the keychain is missing. Import them again from a key file.', { account });
        }
        pieces.push(piece);
      }
      return pieces.join('');
    },
    set(account, secret) {
      if (Buffer.byteLength(secret, 'utf8') !== secret.length) throw new Error('chunked secrets must be ASCII');
      const old = inner.get(account);
      const oldParts = old === null ? 1 : (partsOf(old) ?? 1);
      const firstRoom = limitBytes - headerRoom;
      const pieces = [secret.slice(0, firstRoom)];
      for (let at = firstRoom; at < secret.length; at += limitBytes) pieces.push(secret.slice(at, at + limitBytes));
      // Later parts first, the header last: a crash in between leaves the old header, which still counts its own parts.
      for (let i = pieces.length; i >= 2; i--) inner.set(part(account, i), pieces[i - 1]!);
      inner.set(account, `${MARK}${pieces.length}:${pieces[0]}`);
      for (let i = pieces.length + 1; i <= oldParts; i++) inner.delete(part(account, i));
    },
    delete(account) {
      const first = inner.get(account);
      if (first === null) return false;
      const n = partsOf(first) ?? 1;
      for (let i = 2; i <= n; i++) inner.delete(part(account, i));
      return inner.delete(account);
    },
  };
}
