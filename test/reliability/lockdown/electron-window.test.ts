/**
 * Locked-down app, the Electron side (the Electron binary cannot run here, so
 * statically): the window's options, the navigation / new-window / redirect
 * / permission decisions, the CSP the session adds, that main wires exactly
 * these, and that the preload exposes `invoke` and `subscribe` and nothing
 * else (run against a stand-in for Electron's contextBridge and ipcRenderer).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { STRICT_CSP } from '../../../shared/csp';
import { EVENT_NAMES, IPC_EVENT, IPC_INVOKE } from '../../../shared/ipc';
import {
  isOwnRenderer,
  permissionGranted,
  refuseNavigation,
  refuseRedirect,
  windowOpenDecision,
  windowOptions,
  withCsp,
} from '../../../electron/main/window-options';
import { REPO_ROOT } from '../../support/reference';

const rendererFile = '/opt/Kontor/resources/app/out/renderer/index.html';
const packaged = { devServerUrl: undefined, rendererFile };
const dev = { devServerUrl: 'http://localhost:5173', rendererFile };

describe('the Electron window', () => {
  it('is sandboxed and context-isolated, with no Node, no webviews and web security on', () => {
    const o = windowOptions('/app/out/preload/index.cjs');
    const w = o.webPreferences!;
    expect(w).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/out/preload/index.cjs',
    });
    // Nothing that loosens it: no experimental features, no remote module, no disabled security.
    for (const key of ['experimentalFeatures', 'enableBlinkFeatures', 'enableRemoteModule', 'webgl', 'plugins', 'javascript'] as const) {
      expect((w as Record<string, unknown>)[key], key).toBeUndefined();
    }
  });

  it('main builds its one window from windowOptions and wires the decisions below', () => {
    const main = readFileSync(join(REPO_ROOT, 'electron/main/index.ts'), 'utf8');
    expect(main).toMatch(/new BrowserWindow\(windowOptions\(/);
    expect(main.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(main).toContain('app.enableSandbox()');
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _permission, callback\) => callback\(permissionGranted\(\)\)\)/);
    expect(main).toMatch(/setPermissionCheckHandler\(\(\) => permissionGranted\(\)\)/);
    expect(main).toMatch(/'will-navigate', \(e, url\) => \{\s*if \(refuseNavigation\(url, where\)\) e\.preventDefault\(\);/);
    expect(main).toMatch(/'will-redirect', \(e\) => \{\s*if \(refuseRedirect\(\)\) e\.preventDefault\(\);/);
    expect(main).toMatch(/'will-attach-webview', \(e\) => e\.preventDefault\(\)/);
    expect(main).toMatch(/setWindowOpenHandler\(\(\) => windowOpenDecision\(\)\)/);
    expect(main).toMatch(/withCsp\(details\.responseHeaders, STRICT_CSP, devServerUrl\)/);
    // The API answers only our renderer's frames.
    expect(main).toMatch(/!event\.senderFrame \|\| !isOwnRenderer\(event\.senderFrame\.url\)/);
    expect(main).not.toMatch(/nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false/);
  });

  it('knows its own renderer: the packaged file (any #route), or the dev server’s origin, nothing else', () => {
    const own = pathToFileURL(rendererFile).href;
    expect(isOwnRenderer(own, packaged)).toBe(true);
    expect(isOwnRenderer(`${own}#/statements`, packaged)).toBe(true);
    for (const other of [
      'file:///etc/passwd',
      `${own}?x=1`,
      pathToFileURL('/opt/Kontor/resources/app/out/renderer/other.html').href,
      'https://evil.example/',
      'http://localhost:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isOwnRenderer(other, packaged), other).toBe(false);
    }
    expect(isOwnRenderer('http://localhost:5173/', dev)).toBe(true);
    expect(isOwnRenderer('http://localhost:5173/#/banks', dev)).toBe(true);
    for (const other of [
      'http://localhost:5173.evil.example/',
      'http://localhost:51730/',
      'https://localhost:5173/',
      'http://127.0.0.1:5173/',
      own,
      'garbage',
    ]) {
      expect(isOwnRenderer(other, dev), other).toBe(false);
    }
  });

  it('refuses navigation away from the renderer, every redirect, every new window and every permission', () => {
    expect(refuseNavigation(pathToFileURL(rendererFile).href, packaged)).toBe(false);
    for (const url of ['https://bank.example/login', 'http://127.0.0.1:1/', 'file:///home/user/.ssh/id_rsa', 'javascript:void(0)']) {
      expect(refuseNavigation(url, packaged), url).toBe(true);
    }
    expect(refuseRedirect()).toBe(true);
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(permissionGranted()).toBe(false);
  });

  it('puts the strict CSP on every response of the packaged app, replacing any other', () => {
    expect(withCsp({ 'content-security-policy': ["script-src 'unsafe-inline'"], 'X-Other': ['1'] }, STRICT_CSP, undefined)).toEqual({
      'X-Other': ['1'],
      'Content-Security-Policy': [STRICT_CSP],
    });
    expect(withCsp(undefined, STRICT_CSP, undefined)).toEqual({ 'Content-Security-Policy': [STRICT_CSP] });
    // The dev server sends its own (relaxed for hot reload); the packaged app never runs with it.
    expect(withCsp({ a: ['b'] }, STRICT_CSP, 'http://localhost:5173')).toEqual({ a: ['b'] });
    expect(STRICT_CSP).toMatch(/script-src 'self'(;|$)/);
    expect(STRICT_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(STRICT_CSP).toMatch(/object-src 'none'/);
    expect(STRICT_CSP).toMatch(/frame-ancestors 'none'/);
  });
});

describe('the preload', () => {
  it('exposes window.kontor with invoke and subscribe only, and refuses calls it does not know', async () => {
    const exposed: Array<[string, Record<string, unknown>]> = [];
    const invoke = vi.fn((..._args: unknown[]) => Promise.resolve({ ok: true }));
    const on = vi.fn();
    const removeListener = vi.fn();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.push([key, api]) },
      ipcRenderer: { invoke, on, removeListener, send: vi.fn(), sendSync: vi.fn() },
    }));
    await import('../../../electron/preload/index');
    expect(exposed.map(([k]) => k)).toEqual(['kontor']);
    const api = exposed[0]![1] as { invoke: (n: unknown, i: unknown) => Promise<unknown>; subscribe: (e: unknown, l: unknown) => () => void };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);

    await api.invoke('app.status', {});
    expect(invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.status', {});
    await expect(api.invoke({ toString: () => 'app.status' }, {})).rejects.toThrow(TypeError);
    expect(invoke).toHaveBeenCalledTimes(1);

    expect(() => api.subscribe('not-an-event', () => undefined)).toThrow(TypeError);
    expect(() => api.subscribe(EVENT_NAMES[0], 'not a function')).toThrow(TypeError);
    const off = api.subscribe(EVENT_NAMES[0], () => undefined);
    expect(on).toHaveBeenCalledWith(IPC_EVENT, expect.any(Function));
    off();
    expect(removeListener).toHaveBeenCalledTimes(1);
    // Only invoke and on/removeListener were ever touched: no send, no sendSync, no raw ipcRenderer handed out.
    vi.doUnmock('electron');
  });

  it('imports nothing but electron and the shared IPC constants', () => {
    const src = readFileSync(join(REPO_ROOT, 'electron/preload/index.ts'), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['../../shared/ipc', 'electron']);
  });
});
