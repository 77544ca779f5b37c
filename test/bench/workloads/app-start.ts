/**
 * Issue 10, last row: app start to first screen in the browser host. The
 * browser is already open (as the user's is); the clock runs from starting
 * the browser host as `npm start` runs it (`node out/host/serve.js`, the
 * bundle electron/host/build-host.mjs makes: ledger opened, demo bank
 * started) until Chromium shows the navigation of the first
 * screen. `kontor` is the everyday start, on a data folder Kontor has run
 * on before; `kontor-first-start` a fresh folder, where the ledger is
 * created and the demo bank makes its keys. Needs the built renderer
 * (`electron-vite build`); built here when `out/renderer` is missing.
 * Median of 5 starts each; check: the navigation and the first screen's
 * heading are visible; the part spent in the page is reported.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { maxRssMb, type Figure, type Workload } from '../figure';
// @ts-expect-error -- a plain ES module of the build scripts, without types
import { buildHost } from '../../../electron/host/build-host.mjs';

const repo = resolve(import.meta.dirname, '../../..');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/;
const RUNS = 5;

export const appStart: Workload = {
  name: 'app.start',
  async run() {
    await buildHost();
    if (!existsSync(join(repo, 'out/renderer/index.html'))) {
      const built = spawnSync(process.execPath, [createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js'), 'build'], {
        cwd: repo,
        stdio: 'ignore',
      });
      if (built.status !== 0) throw new Error('electron-vite build failed');
    }
    const browser = await chromium.launch({
      executablePath: process.env.KONTOR_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const first: number[] = [];
    const again: number[] = [];
    const inPage: number[] = [];
    const startOnce = async (dataDir: string): Promise<number> => {
      const page = await browser.newPage();
      const start = process.hrtime.bigint();
      const child = spawn(process.execPath, ['out/host/serve.js', '--data-dir', dataDir, '--port', '0'], {
        cwd: repo,
        env: { ...process.env, KONTOR_KEYCHAIN_SERVICE: `Kontor-bench-${process.pid}`, KONTOR_DEMO_BANK_PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((found, fail) => {
          let out = '';
          const timer = setTimeout(() => fail(new Error('no address within 30 s')), 30_000);
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = URL_LINE.exec(out);
            if (m) {
              clearTimeout(timer);
              found(m[1]!);
            }
          });
          child.once('exit', (code) => fail(new Error(`the host exited (${code})`)));
        });
        await page.goto(url);
        await page.getByRole('navigation').waitFor({ state: 'visible' });
        const heading = page.getByRole('heading', { level: 1 }).first();
        await heading.waitFor({ state: 'visible' });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (!(await heading.textContent())?.trim()) throw new Error('the first screen has no heading text');
        inPage.push(await page.evaluate(() => performance.now()));
        return ms;
      } finally {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        await page.close();
      }
    };
    try {
      for (let i = 0; i < RUNS; i++) {
        const dataDir = mkdtempSync(join(tmpdir(), 'kontor-bench-start-'));
        try {
          first.push(await startOnce(dataDir));
          again.push(await startOnce(dataDir));
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    } finally {
      await browser.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const figure = (tool: string, times: number[], what: string): Figure => ({
      workload: 'app.start',
      tool,
      n: RUNS,
      ms: Math.round(median(times) * 100) / 100,
      max_rss_mb: maxRssMb(),
      check: `median of ${RUNS} ${what} (all ${times.map((t) => Math.round(t)).join(', ')} ms); navigation and first heading visible; ${Math.round(median(inPage))} ms of a start are spent in the page`,
    });
    return [figure('kontor', again, 'starts on a data folder used before'), figure('kontor-first-start', first, 'first starts on fresh data folders')];
  },
};
