/**
 * Development variables in the packaged app (issue 15, item 7): a packaged
 * Kontor loads its own renderer file, its own SQLite binding and its own
 * keychain entry whatever the environment says, and drops every KONTOR_*
 * variable that is not meant for production before the services run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devEnvironment, PACKAGED_SQLITE_BINDING, PRODUCTION_VARIABLES } from './dev-environment';

const resourcesPath = '/opt/Kontor/resources';
const hostile = {
  ELECTRON_RENDERER_URL: 'https://evil.example/',
  KONTOR_SQLITE_BINDING: '/tmp/evil.node',
  KONTOR_KEYCHAIN_SERVICE: 'Elsewhere',
  KONTOR_EBICS_SEGMENT_SIZE: '4',
  KONTOR_CLOCK_OFFSET_DAYS: '30',
  KONTOR_CLOCK_START: '2030-01-01T00:00:00Z',
  KONTOR_HOST_TOKEN: 'x',
  KONTOR_DATA_DIR: '/srv/kontor',
  KONTOR_DEMO_BANK: 'off',
  KONTOR_DEMO_BANK_PORT: '17618',
  PATH: '/usr/bin',
};

describe('environment variables in the packaged app', () => {
  const packaged = devEnvironment(hostile, { packaged: true, resourcesPath });

  it('ignores ELECTRON_RENDERER_URL: the window loads the packaged file', () => {
    expect(packaged.rendererUrl).toBeUndefined();
    expect(devEnvironment({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, { packaged: true, resourcesPath }).rendererUrl).toBeUndefined();
  });

  it('loads the SQLite binding from the app’s own resources, never from a path in the environment', () => {
    expect(packaged.sqliteBinding).toBe(join(resourcesPath, PACKAGED_SQLITE_BINDING));
    expect(packaged.sqliteBinding).not.toContain('/tmp/evil.node');
  });

  it('keeps the keys under the keychain service of a real installation', () => {
    expect(packaged.keychainService).toBe('Kontor');
  });

  it('removes every development and test variable, and only those', () => {
    expect(packaged.ignored).toEqual([
      'ELECTRON_RENDERER_URL',
      'KONTOR_CLOCK_OFFSET_DAYS',
      'KONTOR_CLOCK_START',
      'KONTOR_EBICS_SEGMENT_SIZE',
      'KONTOR_HOST_TOKEN',
      'KONTOR_KEYCHAIN_SERVICE',
      'KONTOR_SQLITE_BINDING',
    ]);
    for (const name of PRODUCTION_VARIABLES) expect(packaged.ignored).not.toContain(name);
  });
});

describe('environment variables in development', () => {
  it('honours the dev server on loopback, the binding npm start built and a test keychain service', () => {
    const dev = devEnvironment(
      { ELECTRON_RENDERER_URL: 'http://localhost:5173', KONTOR_SQLITE_BINDING: '/repo/.electron-native/b.node', KONTOR_KEYCHAIN_SERVICE: 'Kontor-test-1' },
      { packaged: false, resourcesPath },
    );
    expect(dev).toEqual({
      rendererUrl: 'http://localhost:5173/',
      sqliteBinding: '/repo/.electron-native/b.node',
      keychainService: 'Kontor-test-1',
      ignored: [],
    });
  });

  it('never takes a dev server that is not on this computer', () => {
    for (const url of ['https://evil.example/', 'http://localhost.evil.example:5173', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const dev = devEnvironment({ ELECTRON_RENDERER_URL: url }, { packaged: false, resourcesPath });
      expect(dev.rendererUrl, url).toBeUndefined();
      expect(dev.ignored).toEqual(['ELECTRON_RENDERER_URL']);
    }
    expect(devEnvironment({}, { packaged: false, resourcesPath })).toEqual({
      rendererUrl: undefined,
      sqliteBinding: undefined,
      keychainService: 'Kontor',
      ignored: [],
    });
  });
});
