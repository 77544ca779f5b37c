import { describe, expect, it } from 'vitest';
import { chunkedSecretStore } from './chunked-store';
import { memorySecretStore, type SecretStore } from './keychain';

/** A store that refuses secrets over the limit, as Windows Credential Manager does. */
function cappedStore(limit: number): SecretStore & { sizes(): number[]; count(): number } {
  const inner = memorySecretStore();
  const sizes: number[] = [];
  let count = 0;
  return {
    backend: 'capped',
    get: inner.get,
    delete: (a) => {
      const had = inner.delete(a);
      if (had) count--;
      return had;
    },
    set(a, s) {
      if (s.length > limit) throw new Error(`over the limit: ${s.length}`);
      if (inner.get(a) === null) count++;
      sizes.push(s.length);
      inner.set(a, s);
    },
    sizes: () => sizes,
    count: () => count,
  };
}

describe('chunked secret store (Windows Credential Manager)', () => {
  it('stores a bundle larger than one credential across parts, each within the limit, and reads it back', () => {
    const capped = cappedStore(2560);
    const store = chunkedSecretStore(capped, 2560);
    const secret = 'x'.repeat(7000) + 'END';
    store.set('bank-access:1', secret);
    expect(store.get('bank-access:1')).toBe(secret);
    expect(Math.max(...capped.sizes())).toBeLessThanOrEqual(2560);
    expect(capped.count()).toBe(3);
  });

  it('shrinks cleanly: rewriting a smaller secret removes the parts no longer needed', () => {
    const capped = cappedStore(100);
    const store = chunkedSecretStore(capped, 100);
    store.set('a', 'y'.repeat(450));
    expect(capped.count()).toBe(5);
    store.set('a', 'small');
    expect(store.get('a')).toBe('small');
    expect(capped.count()).toBe(1);
    expect(store.delete('a')).toBe(true);
    expect(capped.count()).toBe(0);
    expect(store.get('a')).toBeNull();
  });

  it('reports a missing part as damaged instead of returning a truncated secret', () => {
    const capped = cappedStore(100);
    const store = chunkedSecretStore(capped, 100);
    store.set('a', 'z'.repeat(300));
    capped.delete('a#3');
    expect(() => store.get('a')).toThrow(expect.objectContaining({ code: 'vault.corrupt' }));
  });

  it('reads entries written without chunking', () => {
    const inner = memorySecretStore();
    inner.set('old', 'plain-entry');
    expect(chunkedSecretStore(inner, 100).get('old')).toBe('plain-entry');
  });
});
