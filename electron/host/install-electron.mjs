#!/usr/bin/env node
// npm install's attempt at the Electron binary (about 100 MB from GitHub or
// ELECTRON_MIRROR). package.json#allowScripts keeps npm from running
// Electron's own postinstall, which fails the whole install (and npm rolls
// everything back) when the download fails, and waits as long as the network
// lets it. Here the same installer (node_modules/electron/install.js) runs as
// a child with a time limit after a quick look whether the download server
// answers at all; whatever happens, the install goes on and one line says
// what `npm start` will do: open the Electron window, or serve the same app to
// the browser (the browser host).
//
// Run it again by hand when the download works: node electron/host/install-electron.mjs
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');

const DEFAULT_BASE = 'https://github.com/electron/electron/releases/download/';
/** Long enough for a DNS answer and a TLS handshake on a slow line, short enough to not feel like a hang. */
export const PROBE_TIMEOUT_MS = 15_000;
/** About 100 MB: a minute at 15 Mbit/s, with room for slower lines (KONTOR_ELECTRON_DOWNLOAD_TIMEOUT in seconds). */
export const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;
/** With the server out of reach the installer can still take the zip from Electron's download cache. */
export const CACHE_ONLY_TIMEOUT_MS = 30_000;

const BROWSER = 'npm start will open Kontor in your browser instead (the browser host)';
const AGAIN = 'to get the window later, run `node electron/host/install-electron.mjs` where the download works';

/** The electron package's folder, or null when npm left it out. */
export function electronPackageDir(from = root) {
  try {
    return dirname(createRequire(join(from, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function packageVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
}

/** The same test Electron's installer and `require('electron')` make: the binary of this version is in place. */
export function electronInstalled(dir) {
  try {
    const version = readFileSync(join(dir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '');
    const binary = readFileSync(join(dir, 'path.txt'), 'utf8');
    return version === packageVersion(dir) && existsSync(join(dir, 'dist', binary));
  } catch {
    return false;
  }
}

/** Where Electron's installer downloads from: the mirror settings @electron/get reads, else GitHub. */
export function downloadBase(env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.npm_package_config_electron_mirror || env.ELECTRON_MIRROR || DEFAULT_BASE;
}

/** Whether the download server answers anything within the time (any HTTP status counts). */
export function probe(url, timeoutMs) {
  return new Promise((done) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      done(result);
    };
    const request = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = request(url, { method: 'HEAD' }, (res) => {
      res.resume();
      finish({ ok: true });
    });
    req.on('error', (e) => finish({ ok: false, reason: e.code ? `${e.code} ${e.hostname ?? e.address ?? ''}`.trim() : e.message }));
    const timer = setTimeout(() => finish({ ok: false, reason: `no answer within ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    req.end();
  });
}

/** Runs Electron's installer; stops it (and what it left half-extracted) at the time limit. */
function runInstaller(dir, env, timeoutMs) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(dir, 'install.js')], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const firstLine = stderr.split('\n').find((l) => l.trim()) ?? '';
      done({ code, timedOut, error: firstLine.trim() });
    });
  });
}

const seconds = (ms) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`);

/**
 * One attempt at the binary. Never throws: returns what happened as an
 * outcome and the line to show.
 */
export async function installElectron({
  env = process.env,
  dir = electronPackageDir(),
  probeTimeoutMs = PROBE_TIMEOUT_MS,
  downloadTimeoutMs = Number(env.KONTOR_ELECTRON_DOWNLOAD_TIMEOUT) * 1000 || DOWNLOAD_TIMEOUT_MS,
  cacheOnlyTimeoutMs = CACHE_ONLY_TIMEOUT_MS,
} = {}) {
  if (!dir) {
    return {
      outcome: 'no-package',
      line: `Electron: the electron package is not installed (npm left it out: optional dependencies omitted, or an older npm removed it when Electron's own download failed); ${BROWSER}.`,
    };
  }
  const version = packageVersion(dir);
  if (electronInstalled(dir)) return { outcome: 'present', line: `Electron ${version} is installed: npm start opens the Kontor window.` };
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { outcome: 'skipped', line: `Electron: not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set); ${BROWSER}.` };
  }
  const base = downloadBase(env);
  // Through a proxy (@electron/get's ELECTRON_GET_USE_PROXY) a direct look says nothing: the time limit alone bounds it.
  const reach = env.ELECTRON_GET_USE_PROXY ? { ok: true } : await probe(base, probeTimeoutMs);
  const result = await runInstaller(dir, env, reach.ok ? downloadTimeoutMs : cacheOnlyTimeoutMs);
  if (result.code === 0 && !result.timedOut && electronInstalled(dir)) {
    return { outcome: 'installed', line: `Electron ${version} downloaded: npm start opens the Kontor window.` };
  }
  // A stopped or failed extraction leaves a dist folder without path.txt; nothing else may read it.
  if (!electronInstalled(dir)) rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const host = new URL(base).host;
  if (!reach.ok) {
    return {
      outcome: 'unreachable',
      line: `Electron: ${host} could not be reached (${reach.reason}), so the binary was not downloaded; ${BROWSER}; ${AGAIN}.`,
    };
  }
  if (result.timedOut) {
    return {
      outcome: 'timeout',
      line: `Electron: the download from ${host} did not finish within ${seconds(downloadTimeoutMs)} and was stopped; ${BROWSER}; ${AGAIN}.`,
    };
  }
  return { outcome: 'failed', line: `Electron: the download from ${host} failed (${result.error || `exit code ${result.code}`}); ${BROWSER}; ${AGAIN}.` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outcome, line } = await installElectron();
  console.log(line);
  process.exitCode = outcome === 'present' || outcome === 'installed' ? 0 : 1;
}
