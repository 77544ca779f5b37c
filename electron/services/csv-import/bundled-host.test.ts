/**
 * The browser host as `npm start` runs it (`node out/host/serve.js`, built
 * by electron/host/build-host.mjs) previews CSV files: its bundle must carry
 * the preview worker beside serve.js, or every preview fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the build scripts, without types
import { buildHost } from '../../host/build-host.mjs';
import { base64, GERMAN, windows1252 } from '../../csv/test-files';
import { SPARKASSE, utf8 } from '../../statements/bank-csv/test-files';

const repo = resolve(import.meta.dirname, '../../..');
// Two levels below the repository like out/host, so the bundle finds node_modules; its own folder, so a running `npm start` keeps its bundle.
const outdir = join(repo, 'out', `host-test-${process.pid}`);
let dataDir: string;
let child: ChildProcess;
let base: URL;

beforeAll(async () => {
  await (buildHost as (dir: string) => Promise<void>)(outdir);
  dataDir = mkdtempSync(join(tmpdir(), 'kontor-bundled-'));
  child = spawn(process.execPath, [join(outdir, 'serve.js'), '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, KONTOR_DEMO_BANK_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  base = await new Promise<URL>((found, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`no address within 60 s: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        found(new URL(m[1]!));
      }
    });
    child.once('exit', (code) => fail(new Error(`the host exited (${code})`)));
  });
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(outdir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function call(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const res = await fetch(new URL(`/api/invoke/${name}`, base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kontor-Token': base.searchParams.get('token')!, Origin: base.origin },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

describe('the bundled browser host', () => {
  it('carries the preview worker beside serve.js', () => {
    expect(existsSync(join(outdir, 'csv-preview-worker.js'))).toBe(true);
  });

  it('previews an entries CSV and a bank CSV', async () => {
    const entity = await call('entities.create', { name: 'Muster GmbH' });
    expect(entity.ok).toBe(true);
    const entries = await call('entries.importPreview', {
      fileName: 'op.csv',
      base64: base64(windows1252(GERMAN)),
      entityId: (entity.value as { id: number }).id,
    });
    expect(entries).toMatchObject({
      ok: true,
      value: { totals: { rows: 3 }, columns: ['Belegnummer', 'Belegdatum', 'Fällig am', 'Kunde', 'Name', 'Betrag', 'Verwendungszweck'] },
    });
    const bank = await call('bankCsv.preview', { fileName: 'umsaetze.csv', base64: base64(utf8(SPARKASSE, true)) });
    expect(bank).toMatchObject({ ok: true, value: { totals: { rows: 3, ok: 3 } } });
  });
});
