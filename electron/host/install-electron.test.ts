/**
 * npm install's bounded attempt at the Electron binary, against download
 * servers on loopback that answer, refuse, answer 404, or hang. Electron's
 * real installer runs, on a copy of the electron package (so the tree's own
 * stays as it is) with a download cache of its own.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module of the install scripts, without types
import { electronInstalled, installElectron } from './install-electron.mjs';

interface Attempt {
  outcome: 'no-package' | 'present' | 'skipped' | 'installed' | 'unreachable' | 'timeout' | 'failed';
  line: string;
}
const attempt = installElectron as (options: Record<string, unknown>) => Promise<Attempt>;

const repoModules = join(import.meta.dirname, '../../node_modules');
// npm 10 removes the package when Electron's own download fails (README, Set-up); its installer is what runs here.
const haveElectron = existsSync(join(repoModules, 'electron/package.json'));
if (!haveElectron) console.warn('Skipping the Electron download tests: the electron package is not installed.');
const version = haveElectron ? (JSON.parse(readFileSync(join(repoModules, 'electron/package.json'), 'utf8')) as { version: string }).version : '0.0.0';
const binaryPath = process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron';
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
// A stand-in for Electron's 100 MB zip: its executable and version file.
const zip = Buffer.from(zipSync({ [binaryPath]: new TextEncoder().encode('#!/bin/sh\n'), version: new TextEncoder().encode(version) }));

let dir: string;
let electronDir: string;
let env: Record<string, string>;
const servers: Server[] = [];
const sockets: Socket[] = [];

beforeEach(() => {
  if (!haveElectron) return;
  dir = mkdtempSync(join(tmpdir(), 'kontor-electron-'));
  electronDir = join(dir, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  for (const file of ['package.json', 'install.js', 'index.js']) cpSync(join(repoModules, 'electron', file), join(electronDir, file));
  // The checksum the installer checks the zip against is the stand-in's.
  writeFileSync(join(electronDir, 'checksums.json'), JSON.stringify({ [zipName]: createHash('sha256').update(zip).digest('hex') }));
  for (const dep of ['@electron', 'extract-zip']) symlinkSync(join(repoModules, dep), join(dir, 'node_modules', dep));
  env = { PATH: process.env.PATH ?? '', HOME: dir, electron_config_cache: join(dir, 'cache') };
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A download server: `serve` answers HEAD and the zip; `stall` answers HEAD but never finishes a download; `missing` 404s. */
async function mirror(mode: 'serve' | 'stall' | 'missing'): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (mode === 'missing') return void res.writeHead(404).end();
    if (req.method === 'HEAD') return void res.writeHead(200).end();
    if (req.url === `/v${version}/${zipName}` && mode === 'serve') return void res.writeHead(200, { 'content-length': zip.length }).end(zip);
    if (mode === 'stall') return void res.writeHead(200, { 'content-length': 100_000_000 }).write(zip.subarray(0, 100));
    res.writeHead(404).end();
  });
  server.on('connection', (s) => sockets.push(s));
  return { url: await listen(server), requests };
}

/** A server that takes the connection and never says a word: a network that swallows packets. */
async function blackhole(): Promise<string> {
  const server = createTcpServer((s) => sockets.push(s));
  return listen(server as unknown as Server);
}

function listen(server: Server): Promise<string> {
  servers.push(server);
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)));
}

describe.skipIf(!haveElectron)('the Electron download during npm install', () => {
  it('downloads and installs the binary where the download works, and then leaves it alone', async () => {
    const server = await mirror('serve');
    const first = await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: server.url } });
    expect(first.outcome).toBe('installed');
    expect(first.line).toMatch(/npm start opens the Kontor window/);
    expect(electronInstalled(electronDir)).toBe(true);
    expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe(binaryPath);

    const requestsBefore = server.requests.length;
    expect((await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: server.url } })).outcome).toBe('present');
    expect(server.requests.length).toBe(requestsBefore);
  });

  it('does not try when ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const server = await mirror('serve');
    const r = await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: server.url, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(r.outcome).toBe('skipped');
    expect(r.line).toMatch(/browser host/);
    expect(server.requests).toEqual([]);
  });

  it('gives up on a server that never answers after the probe and the cache-only attempt, and says what npm start does', async () => {
    const url = await blackhole();
    const r = await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: url }, probeTimeoutMs: 1000, cacheOnlyTimeoutMs: 1000 });
    expect(r.outcome).toBe('unreachable');
    expect(r.line).toMatch(/could not be reached \(no answer within 1 s\)/);
    expect(r.line).toMatch(/npm start will open Kontor in your browser/);
    expect(electronInstalled(electronDir)).toBe(false);
  });

  it('stops the installer at the time limit when the server answers but the download stalls, and leaves no binary behind', async () => {
    const server = await mirror('stall');
    const r = await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: server.url }, downloadTimeoutMs: 1000 });
    expect(server.requests[0]).toBe('HEAD /');
    expect(r.outcome).toBe('timeout');
    expect(r.line).toMatch(/did not finish within 1 s and was stopped/);
    expect(existsSync(join(electronDir, 'dist'))).toBe(false);
    expect(electronInstalled(electronDir)).toBe(false);
  });

  it('reports a failed download with the installer’s reason', async () => {
    const server = await mirror('missing');
    const r = await attempt({ dir: electronDir, env: { ...env, ELECTRON_MIRROR: server.url } });
    expect(r.outcome).toBe('failed');
    expect(r.line).toMatch(/404/);
    expect(electronInstalled(electronDir)).toBe(false);
  });

  it('explains a missing electron package instead of failing', async () => {
    const r = await attempt({ dir: null, env });
    expect(r.outcome).toBe('no-package');
    expect(r.line).toMatch(/browser host/);
  });
});
