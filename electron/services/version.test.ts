import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION, EBICS_USER_AGENT } from './version';

describe('version', () => {
  it('matches package.json so status and About tell the truth', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('tells a bank server which Kontor is talking', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(EBICS_USER_AGENT).toBe(`Kontor/${pkg.version} (EBICS client)`);
  });
});
