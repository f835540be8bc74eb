/**
 * The Electron shell: window, tray, native notifications and routing around the core,
 * which runs in its own utility process. Every decision (what the tray shows, which events
 * notify, what closing means) is made by tested plain code in core/, host/ and shell/*-policy
 * files; this file only wires it up.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog, screen } from 'electron';
import path from 'node:path';
import { CoreConnection, CoreStartError } from './host/core-connection';
import { logger } from './core/log';
import { closeAction, quitWhenAllClosed } from './shell/close-policy';
import { launchUtilityCore } from './shell/core-process';
import { registerIpc } from './shell/ipc';
import { createNativeNotifier } from './shell/notifier';
import { createMainSecrets, desktopDataDir, keychainBackend } from './shell/platform';
import { registerAppProtocol, registerAppScheme } from './shell/protocol';
import { createShellTray } from './shell/tray';
import { resourcesDir } from './shell/tray-icons';
import { startUpdates } from './shell/updates';
import { createMainWindow, showWindow } from './shell/window';
import { fitWindow, loadWindowState, saveWindowState } from './shell/window-state';

const log = logger('shell');
let mainWindow: BrowserWindow | null = null;
let core: CoreConnection | null = null;
let quitting = false;
let trayReady = false;
let closeToTray = true;
/** Set once the core answers: a dock click or second launch before that opens nothing. */
let ready = false;

const resources = () => resourcesDir(app.isPackaged, process.resourcesPath, app.getAppPath());
const appIcon = () => path.join(resources(), 'icons', '256x256.png');

async function openWindow(view?: string): Promise<BrowserWindow | null> {
  if (!ready) return null;
  if (mainWindow && !mainWindow.isDestroyed()) {
    showWindow(mainWindow, view);
    return mainWindow;
  }
  const stateFile = path.join(desktopDataDir(), 'window-state.json');
  const saved = await loadWindowState(stateFile);
  const place = fitWindow(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = createMainWindow({ bounds: place.bounds, icon: appIcon() });
  mainWindow = win;
  win.once('ready-to-show', () => {
    if (place.maximized) win.maximize();
    showWindow(win, view);
  });
  win.on('close', (event) => {
    const bounds = win.getNormalBounds();
    void saveWindowState(stateFile, { ...bounds, maximized: win.isMaximized() }).catch((error: unknown) =>
      log.error('could not remember the window position', error),
    );
    if (closeAction({ platform: process.platform, closeToTray, trayReady, quitting }) === 'hide') {
      event.preventDefault();
      win.hide();
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  return win;
}

async function start(): Promise<void> {
  // Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
  if (process.platform === 'win32') app.setAppUserModelId('com.flipsync.desktop');
  registerAppProtocol();
  const dataDir = desktopDataDir();
  const notifier = createNativeNotifier({ icon: appIcon(), open: (view) => void openWindow(view) });
  const connection = new CoreConnection({
    launch: launchUtilityCore,
    dataDir,
    appVersion: app.getVersion(),
    shell: 'electron',
    keychain: keychainBackend(),
    secrets: createMainSecrets(dataDir),
    notifier,
  });
  core = connection;
  registerIpc(connection, () => mainWindow);
  await connection.start();
  ready = true;

  const settings = await connection.dispatch('settings.get', {});
  if (settings.ok) closeToTray = (settings.data as { general: { closeToTray: boolean } }).general.closeToTray;
  connection.onEvent((name, payload) => {
    if (name === 'settings.changed')
      closeToTray = (payload as { general: { closeToTray: boolean } }).general.closeToTray;
  });

  try {
    const tray = createShellTray({
      core: connection,
      resources: resources(),
      open: (view) => void openWindow(view),
      quit: () => app.quit(),
      failed: (message) => notifier.notify({ title: 'FlipSync', body: message }),
    });
    trayReady = true;
    app.on('will-quit', () => tray.destroy());
  } catch (error) {
    // Some Linux desktops have no tray; then closing the window quits, so FlipSync is never lost.
    log.error('no tray available', error);
  }

  if (process.env.FLIPSYNC_E2E === '1') {
    // Only for the Playwright Electron test and the smoke run: lets them read the tray model,
    // drive core's bus and restart the core process from the main process.
    Object.assign(globalThis, {
      flipsyncTest: {
        trayModel: () => connection.trayModel(),
        notifications: () => [...notifier.requests],
        emit: (name: string, payload: unknown) => connection.emitForTest(name, payload),
        coreState: () => connection.current,
        killCore: () => connection.killForTest(),
      },
    });
  }

  await openWindow();
  startUpdates();
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A second launch (a desktop shortcut clicked again) brings the running FlipSync forward.
  app.on('second-instance', () => void openWindow());
  app.on('activate', () => void openWindow());

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof CoreStartError ? `${error.message}\n\n${error.hint ?? ''}` : String(error);
      dialog.showErrorBox('FlipSync could not start', message);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (quitWhenAllClosed(process.platform, trayReady, closeToTray)) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // Let the core close its databases before the app ends, so nothing written is lost.
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
}
