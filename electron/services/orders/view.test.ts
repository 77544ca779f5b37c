import { describe, expect, it } from 'vitest';
import { readWarnings } from './view';

describe('stored order warnings', () => {
  it('reads structured warnings as they are, and English sentences of orders built before warnings had codes as code "text"', () => {
    const structured = {
      code: 'sepa.transliterated',
      params: { count: 1, cut: 0 },
      changes: [{ field: 'initiatingParty', before: 'Zoë', after: 'Zoe', truncated: false }],
      message: '1 text was changed to fit the SEPA character set.',
    };
    expect(readWarnings(JSON.stringify([structured]))).toEqual([structured]);
    expect(readWarnings(JSON.stringify(['2 texts were changed to fit the SEPA character set.']))).toEqual([
      { code: 'text', params: {}, message: '2 texts were changed to fit the SEPA character set.' },
    ]);
    expect(readWarnings('[]')).toEqual([]);
    expect(readWarnings('not json')).toEqual([]);
    expect(readWarnings(JSON.stringify([{ nonsense: true }, 'kept']))).toEqual([{ code: 'text', params: {}, message: 'kept' }]);
  });
});
