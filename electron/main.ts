// Electron main process: thin on purpose. It builds the settings store (electron-store), the station
// core and the gun source, creates the one window with the security checklist applied, and carries
// the contract over two IPC channels. Everything clinical happens in the core.
//
// Security checklist (https://www.electronjs.org/docs/latest/tutorial/security):
//  - sandbox, contextIsolation, no nodeIntegration, webSecurity on, no insecure content
//  - the renderer is served from a privileged app:// scheme (not file://), with a strict CSP as a
//    response header (protocol handler and onHeadersReceived) and as a meta tag
//  - navigation away from the app blocked, new windows denied, <webview> refused
//  - every permission request and check denied
//  - IPC senders validated: only our window's main frame on app://station may call
//  - the preload exposes only window.station = { call, on }; no raw ipcRenderer
//  - single-instance lock (two windows would mean two stations on one gun)
import { app, BrowserWindow, ipcMain, net, protocol, session, type IpcMainInvokeEvent, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type WireReply } from './contract/api.js';
import type { ConnectionContext } from './core/access/connection.js';
import type { Settings } from './contract/settings.js';
import { settingsFrom } from './core/settings/store.js';
import { electronStoreOptions } from './settings/options.js';
import { createStation, type Station } from './core/station.js';
import { forwardEvents } from './host/events.js';
import { chooseGun, type ChosenGun } from './host/gunSource.js';
import { toContractError } from './host/wire.js';
import { CSP } from './host/web.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const RENDERER_DIR = resolve(here, '../renderer');
const PRELOAD = join(here, 'preload.cjs');
const SCHEME = 'app';
const APP_HOST = 'station';
const APP_ORIGIN = `${SCHEME}://${APP_HOST}`;
const APP_URL = `${APP_ORIGIN}/index.html`;

const simulateFlag = process.argv.includes('--simulate');
const gunArg = process.argv.find((a) => a.startsWith('--gun='))?.slice('--gun='.length);

// Must run before 'ready': app:// behaves like https (standard, secure), so 'self' in the CSP means it.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let station: Station | null = null;
  let gun: ChosenGun | null = null;
  const connections = new Map<number, ConnectionContext>();

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  /** True only for our own window's top frame, loaded from the app scheme. */
  const trustedSender = (e: IpcMainInvokeEvent): boolean => {
    const frame = e.senderFrame;
    if (!frame || !win || e.sender !== win.webContents || frame !== e.sender.mainFrame) return false;
    try {
      return new URL(frame.url).origin === APP_ORIGIN;
    } catch {
      return false;
    }
  };

  const connectionFor = (wc: WebContents): ConnectionContext => {
    let conn = connections.get(wc.id);
    if (!conn && station) {
      const created = station.newConnection();
      conn = created;
      connections.set(wc.id, created);
      wc.once('destroyed', () => {
        connections.delete(wc.id);
        station?.closeConnection(created);
      });
    }
    if (!conn) throw new Error('station not ready');
    return conn;
  };

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) ev.preventDefault();
    });
    contents.on('will-redirect', (ev, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) ev.preventDefault();
    });
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(async () => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP], 'X-Content-Type-Options': ['nosniff'] } });
    });

    // The renderer's files, and nothing outside its folder.
    protocol.handle(SCHEME, async (req) => {
      const url = new URL(req.url);
      if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
      const file = join(RENDERER_DIR, rel);
      if (!file.startsWith(RENDERER_DIR + sep)) return new Response('forbidden', { status: 403 });
      const res = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(res.body, { status: res.status, headers });
    });

    const dataDir = app.getPath('userData');
    const store = new ElectronStore<Settings>(electronStoreOptions());
    const settings = settingsFrom(store, { onInvalid: (key) => console.warn(`settings: stored ${key} is invalid; using the default`) });
    gun = await chooseGun({
      simulate: simulateFlag,
      gunPath: gunArg,
      usbIds: settings.get('gunUsbIds'),
      dataDir,
      simulateWhenNoneFound: true,
      log: (l) => console.log(l),
    });
    station = createStation({ dataDir, settings, gun: gun.source });
    await station.ready;

    ipcMain.handle(IPC_CALL_CHANNEL, async (e, method: unknown, input: unknown): Promise<WireReply> => {
      if (!trustedSender(e)) return { id: 0, ok: false, error: { code: 'forbidden', message: 'untrusted sender' } };
      if (!station || typeof method !== 'string') return { id: 0, ok: false, error: { code: 'validation', message: 'bad call', field: 'method' } };
      try {
        return { id: 0, ok: true, result: (await station.dispatch(connectionFor(e.sender), method, input)) ?? null };
      } catch (err) {
        return { id: 0, ok: false, error: toContractError(err) };
      }
    });
    forwardEvents(station.events, (ev, target) => {
      if (!win || win.isDestroyed()) return;
      const conn = connections.get(win.webContents.id);
      if (target === null || conn?.id === target) win.webContents.send(IPC_EVENT_CHANNEL, ev);
    });

    win = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 700,
      show: false,
      backgroundColor: '#f4f6f8',
      title: 'Meso station',
      autoHideMenuBar: true,
      webPreferences: {
        preload: PRELOAD,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        webviewTag: false,
        spellcheck: false,
        devTools: !app.isPackaged,
      },
    });
    win.once('ready-to-show', () => win?.show());
    win.on('closed', () => (win = null));
    await win.loadURL(APP_URL);
  }).catch((e: unknown) => {
    console.error('the station could not start:', e);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  // Close the link and the database before leaving (a committed dose is already on disk either way).
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting || !station) return;
    e.preventDefault();
    quitting = true;
    const s = station;
    station = null;
    void s
      .close()
      .then(() => gun?.sim?.stop())
      .finally(() => app.quit());
  });
}
