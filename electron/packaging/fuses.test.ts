/**
 * The packaged app's Electron fuses (issue 15, item 7): every fuse of the
 * wire has a value, the hardening ones the value the security review asks
 * for, and the afterPack hook writes them into a binary's fuse wire.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { afterPack, ASAR, ASAR_UNPACK, electronBinaryIn, FUSES, fuseConfig } from './fuses';

const ALL = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');

describe('Electron fuses of the packaged app', () => {
  it('set every fuse of the wire, once', () => {
    expect(FUSES.map((f) => f.fuse).sort()).toEqual([...ALL].sort());
    expect(fuseConfig('linux')).toMatchObject({ strictlyRequireAllFuses: true });
  });

  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
  ] as const)('%s is %s', (name, enabled) => {
    const fuse = FuseV1Options[name];
    expect(fuseConfig('linux')[fuse]).toBe(enabled);
    expect(FUSES.find((f) => f.fuse === fuse)?.why.length).toBeGreaterThan(10);
  });

  it('pack the app as ASAR with native modules unpacked (the integrity fuses need it)', () => {
    expect(ASAR).toBe(true);
    expect(ASAR_UNPACK).toContain('**/*.node');
  });

  it('finds the binary of a packed app per platform', () => {
    expect(electronBinaryIn('/out', 'linux', 'Kontor')).toBe('/out/kontor');
    expect(electronBinaryIn('/out', 'win32', 'Kontor')).toBe('/out/Kontor.exe');
    expect(electronBinaryIn('/out', 'darwin', 'Kontor')).toBe('/out/Kontor.app');
  });

  it('afterPack writes them into the fuse wire of the packed binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontor-fuses-'));
    try {
      // A stand-in for the Electron binary: its fuse wire (sentinel, version 1, length, one byte per fuse), every fuse as Electron ships it.
      const wire = Buffer.from(
        ALL.map((f) =>
          f === FuseV1Options.LoadBrowserProcessSpecificV8Snapshot ||
          f === FuseV1Options.EnableEmbeddedAsarIntegrityValidation ||
          f === FuseV1Options.OnlyLoadAppFromAsar
            ? FuseState.DISABLE
            : FuseState.ENABLE,
        ),
      );
      const binary = Buffer.concat([
        Buffer.alloc(4096, 0x90),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
        Buffer.from([1, wire.length]),
        wire,
        Buffer.alloc(4096, 0x90),
      ]);
      writeFileSync(join(dir, 'kontor'), binary);
      await afterPack({ appOutDir: dir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'Kontor' } } });
      const flipped = await getCurrentFuseWire(join(dir, 'kontor'));
      for (const f of FUSES) expect(flipped[f.fuse], FuseV1Options[f.fuse]).toBe(f.enabled ? FuseState.ENABLE : FuseState.DISABLE);
      expect(readFileSync(join(dir, 'kontor')).length).toBe(binary.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
