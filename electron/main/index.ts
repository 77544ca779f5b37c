// The Electron main process: lifecycle, the one hardened window and IPC
// wiring. All work happens in the services, which run under plain Node too.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type MenuItemConstructorOptions } from 'electron';
import { STRICT_CSP } from '../../shared/csp';
import { IPC_EVENT, IPC_INVOKE } from '../../shared/ipc';
import { isKontorError } from '../../shared/errors';
import { createContext, osAccount, type ServiceContext } from '../services/context';
import { defaultDataDir } from '../services/data-dir';
import { startEmbeddedDemoBank } from '../services/demo-bank/embedded';
import { startDailyFetch } from '../services/statements/schedule';
import { startOrderFollowing } from '../services/orders/follow';
import { startLedgerChanges } from '../services/ledger-changes';
import { dispatch } from '../services/dispatch';
import { APP_VERSION } from '../services/version';
import { confirmationDialogOptions, outcomeOf } from './confirm-dialog';
import { devEnvironment } from './dev-environment';
import {
  isOwnRenderer as ownRenderer,
  permissionGranted,
  refuseNavigation,
  refuseRedirect,
  windowOpenDecision,
  windowOptions,
  withCsp,
} from './window-options';

// Development variables are ignored in a packaged app (dev-environment.ts); gone before any service reads the environment.
const dev = devEnvironment(process.env, { packaged: app.isPackaged, resourcesPath: process.resourcesPath });
for (const name of dev.ignored) delete process.env[name];
const devServerUrl = dev.rendererUrl;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
let win: BrowserWindow | null = null;
let ctx: ServiceContext | null = null;
let changes: ReturnType<typeof startLedgerChanges> = null;

const where = { devServerUrl, rendererFile };

/** Only our own renderer may call the API: the dev server in development, the packaged file otherwise. */
function isOwnRenderer(url: string): boolean {
  return ownRenderer(url, where);
}

function harden(): void {
  app.enableSandbox();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(permissionGranted()));
  session.defaultSession.setPermissionCheckHandler(() => permissionGranted());
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, STRICT_CSP, devServerUrl) });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e, url) => {
      if (refuseNavigation(url, where)) e.preventDefault();
    });
    contents.on('will-redirect', (e) => {
      if (refuseRedirect()) e.preventDefault();
    });
    contents.setWindowOpenHandler(() => windowOpenDecision());
  });
}

function createWindow(): void {
  win = new BrowserWindow(windowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [{ role: process.platform === 'darwin' ? 'close' : 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Kontor',
          click: () =>
            void dialog.showMessageBox({ type: 'info', title: 'Kontor', message: `Kontor ${APP_VERSION}`, detail: `Data folder: ${ctx?.dataDir ?? ''}` }),
        },
        { label: 'Open data folder', click: () => ctx && void shell.openPath(ctx.dataDir) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  harden();
  void app.whenReady().then(() => {
    try {
      ctx = createContext({
        dataDir: defaultDataDir(),
        host: 'electron',
        // Who acts is the account logged in to this computer; never a setting.
        identity: osAccount(),
        keychainService: dev.keychainService,
        ...(dev.sqliteBinding ? { nativeBinding: dev.sqliteBinding } : {}),
      });
    } catch (e) {
      dialog.showErrorBox('Kontor cannot open its ledger', isKontorError(e) ? e.message : String((e as Error).message));
      app.quit();
      return;
    }
    const services = ctx;
    // Key export and the like: the person answers a native dialog, which the renderer cannot fake.
    services.confirm = async (request) => {
      const options = confirmationDialogOptions(request);
      const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
      return outcomeOf(response);
    };
    // The demo bank is a convenience: Kontor works without it.
    startEmbeddedDemoBank(services)
      .then((bank) => (services.demoBank = bank))
      .catch((e: unknown) => console.error('[kontor] demo bank not started:', (e as Error).message));
    startDailyFetch(services, { onError: (e) => console.error('[kontor] daily statement fetch failed:', (e as Error).message) });
    startOrderFollowing(services, { onError: (e) => console.error('[kontor] following orders at the bank failed:', (e as Error).message) });
    ipcMain.handle(IPC_INVOKE, (event, name: unknown, input: unknown) => {
      if (!event.senderFrame || !isOwnRenderer(event.senderFrame.url)) {
        return { ok: false, error: { code: 'api.forbidden', message: 'This caller may not use the Kontor API.' } };
      }
      return dispatch(services, String(name), input);
    });
    services.events.listen((name, payload) => win?.webContents.send(IPC_EVENT, name, payload));
    // On a team ledger, what other workstations commit reaches the window as events.
    changes = startLedgerChanges(services, { onError: (e) => console.error('[kontor] listening for the team’s changes:', e.message) });
    buildMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void changes?.stop();
    ctx?.close();
  });
}
