import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { ok, tempContext } from '../../test/integration/helpers';
import { memorySecretStore } from '../vault/keychain';
import { createContext, identityFromEnvironment, osAccount } from './context';

let ctx: ReturnType<typeof tempContext> | undefined;
afterEach(() => {
  ctx?.cleanup();
  ctx = undefined;
});

describe('the service context', () => {
  it('tells now and today from the clock it was given', () => {
    ctx = tempContext(fixedClock('2026-12-31T23:30:00Z', '2027-01-01'));
    expect(ctx.now()).toBe('2026-12-31T23:30:00.000Z');
    expect(ctx.today()).toBe('2027-01-01');
  });

  it('names the OS account as the one who acts; a display name in the settings is only a label beside it', async () => {
    ctx = tempContext();
    expect(ctx.actor()).toBe(ctx.workstationUser());
    await ok(ctx, 'settings.update', { displayName: 'E. Prüfer' });
    expect(ctx.actor()).toBe(ctx.workstationUser());
    expect(await ok(ctx, 'settings.get', {})).toMatchObject({ identity: ctx.workstationUser(), displayName: 'E. Prüfer' });
  });

  it('takes a test identity from the environment only on a demonstration clock, and never in the window', () => {
    expect(identityFromEnvironment({ KONTOR_TEST_USER: 'bernd', KONTOR_CLOCK_START: '2026-11-25T09:00:00Z' })).toBe('bernd');
    expect(identityFromEnvironment({ KONTOR_TEST_USER: 'bernd' })).toBe(osAccount());
    ctx = tempContext();
    const window = createContext({ dataDir: ctx.dataDir, host: 'electron', secretStore: memorySecretStore() });
    const before = process.env.KONTOR_TEST_USER;
    try {
      process.env.KONTOR_TEST_USER = 'bernd';
      expect(window.actor()).toBe(osAccount());
    } finally {
      if (before === undefined) delete process.env.KONTOR_TEST_USER;
      else process.env.KONTOR_TEST_USER = before;
      window.close();
    }
  });
});

/** Production files of the services, but the context that answers for all of them. */
function serviceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return serviceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'context.ts' ? [path] : [];
  });
}

describe('who acts and when, asked in one place', () => {
  const files = serviceFiles(resolve(import.meta.dirname));
  const READS = [
    { what: 'the wall clock', pattern: /\bDate\.now\(\)|\bnew Date\(\)/ },
    { what: 'the workstation user', pattern: /\bworkstationUser\(/ },
    { what: 'the user name setting', pattern: /readSetting[^;]*['"`]userName['"`]/ },
    { what: 'the OS account', pattern: /\buserInfo\(/ },
  ];

  it.each(READS)('no service reads $what itself: it asks the context', ({ pattern }) => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => pattern.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
