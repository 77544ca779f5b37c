// The hardening decisions of the Electron main process as plain data and
// functions, so tests under Node can check them: the window's options, which
// URL counts as our own renderer, and the answers to navigation, new windows,
// webviews and permission requests. Imports Electron's types only.
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The one window: sandboxed, context-isolated, no Node, no webviews, web security on. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Kontor',
    show: false,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

export interface RendererLocation {
  /** The dev server in development (ELECTRON_RENDERER_URL), else undefined. */
  devServerUrl?: string | undefined;
  /** The packaged renderer's index.html. */
  rendererFile: string;
}

/** Only our own renderer may call the API or be navigated to: the dev server in development, the packaged file otherwise. */
export function isOwnRenderer(url: string, where: RendererLocation): boolean {
  if (where.devServerUrl) {
    // Same origin as the dev server, not merely the same prefix (http://localhost:5173.evil.example).
    try {
      return new URL(url).origin === new URL(where.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return url.split('#')[0] === pathToFileURL(where.rendererFile).href;
}

/** `will-navigate`: true when the navigation must be prevented. */
export function refuseNavigation(url: string, where: RendererLocation): boolean {
  return !isOwnRenderer(url, where);
}

/** `will-redirect`: the renderer is a local file; no redirect is ever ours. */
export function refuseRedirect(): boolean {
  return true;
}

/** `setWindowOpenHandler`: no new windows, whatever the URL. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests and checks (camera, notifications, clipboard, geolocation, …): all denied. */
export function permissionGranted(): boolean {
  return false;
}

/** Response headers with the strict CSP (the packaged app); the dev server sets its own relaxed one. */
export function withCsp(
  headers: Record<string, string[] | string> | undefined,
  csp: string,
  devServerUrl: string | undefined,
): Record<string, string[] | string> {
  const out: Record<string, string[] | string> = { ...headers };
  if (!devServerUrl) {
    for (const k of Object.keys(out)) if (k.toLowerCase() === 'content-security-policy') delete out[k];
    out['Content-Security-Policy'] = [csp];
  }
  return out;
}
