import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routing';

describe('hash routes', () => {
  it('read a screen, a record and a page below it', () => {
    expect(parseRoute('#/banks')).toEqual({ screen: 'banks' });
    expect(parseRoute('#/accounts/12')).toEqual({ screen: 'accounts', id: 12 });
    expect(parseRoute('#/banks/setup')).toEqual({ screen: 'banks', sub: 'setup' });
    expect(parseRoute('#/banks/setup/demo')).toEqual({ screen: 'banks', sub: 'setup', preset: 'demo' });
    expect(parseRoute('#/banks/3/setup')).toEqual({ screen: 'banks', id: 3, sub: 'setup' });
    expect(parseRoute('#/banks/demo')).toEqual({ screen: 'banks', sub: 'demo' });
  });

  it('ignore what they do not know, and fall back to the entries', () => {
    expect(parseRoute('')).toEqual({ screen: 'entries' });
    expect(parseRoute('#/nowhere/3')).toEqual({ screen: 'entries' });
    expect(parseRoute('#/banks/0')).toEqual({ screen: 'banks' });
    expect(parseRoute('#/banks/1e3')).toEqual({ screen: 'banks' });
    expect(parseRoute('#/banks/3/delete')).toEqual({ screen: 'banks', id: 3 });
    expect(parseRoute('#/banks/3/setup/demo')).toEqual({ screen: 'banks', id: 3, sub: 'setup' });
  });

  it('write back what they read', () => {
    const routes: Route[] = [
      { screen: 'banks' },
      { screen: 'accounts', id: 12 },
      { screen: 'banks', sub: 'setup' },
      { screen: 'banks', sub: 'setup', preset: 'demo' },
      { screen: 'banks', id: 3, sub: 'setup' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
    expect(routeHref({ screen: 'banks', id: 3, sub: 'setup' })).toBe('#/banks/3/setup');
  });
});
