import { describe, expect, it } from 'vitest';
import { splitToken } from './browser-session';

describe('the start token in the printed address', () => {
  it('is taken out, and the address keeps its route', () => {
    expect(splitToken('http://127.0.0.1:41234/?token=abc_DEF-1')).toEqual({ token: 'abc_DEF-1', cleanHref: '/' });
    expect(splitToken('http://127.0.0.1:41234/?token=abc&lang=de#/banks/3')).toEqual({ token: 'abc', cleanHref: '/?lang=de#/banks/3' });
  });

  it('is absent from an address without one, which stays as it is', () => {
    expect(splitToken('http://127.0.0.1:41234/#/banks')).toEqual({ token: null, cleanHref: 'http://127.0.0.1:41234/#/banks' });
  });
});
