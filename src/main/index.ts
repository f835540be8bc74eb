/**
 * The Electron shell: window, tray, native notifications and IPC around the Electron-free
 * core. Every decision (what the tray shows, which events notify, what closing means) is
 * made by tested plain code in core/ and shell/*-policy files; this file only wires it up.
 */
import type { BrowserWindow } from 'electron';
import { app, dialog, screen } from 'electron';
import path from 'node:path';
import { createCore, type Core } from './core/core';
import { AppError } from './core/errors';
import { logger } from './core/log';
import { closeAction, quitWhenAllClosed } from './shell/close-policy';
import { registerIpc } from './shell/ipc';
import { createNativeNotifier } from './shell/notifier';
import { createElectronPlatform } from './shell/platform';
import { createShellTray } from './shell/tray';
import { resourcesDir } from './shell/tray-icons';
import { createMainWindow, showWindow } from './shell/window';
import { fitWindow, loadWindowState, saveWindowState } from './shell/window-state';

const log = logger('shell');
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let quitting = false;
let trayReady = false;
let closeToTray = true;

const resources = () => resourcesDir(app.isPackaged, process.resourcesPath, app.getAppPath());
const appIcon = () => path.join(resources(), 'icons', '256x256.png');

async function openWindow(view?: string): Promise<BrowserWindow> {
  if (mainWindow && !mainWindow.isDestroyed()) {
    showWindow(mainWindow, view);
    return mainWindow;
  }
  const stateFile = path.join(core?.platform.dataDir ?? app.getPath('userData'), 'window-state.json');
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
  const notifier = createNativeNotifier({ icon: appIcon(), open: (view) => void openWindow(view) });
  core = await createCore(createElectronPlatform(notifier));
  const started = core;
  registerIpc(started, () => mainWindow);

  const settings = await started.dispatch('settings.get', {}, { transport: 'in-process' });
  if (settings.ok) closeToTray = (settings.data as { general: { closeToTray: boolean } }).general.closeToTray;
  started.events.on('settings.changed', (next) => (closeToTray = next.general.closeToTray));

  try {
    const tray = createShellTray({
      core: started,
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
    // Only for the Playwright Electron test: lets it read the tray model and drive the bus
    // from the main process. The renderer cannot reach main-process globals.
    Object.assign(globalThis, {
      flipsyncTest: {
        trayModel: () => started.tray.model(),
        notifications: () => [...notifier.requests],
        emit: (name: string, payload: unknown) =>
          (started.events.emit as (n: string, p: unknown) => void)(name, payload),
      },
    });
  }

  await openWindow();
}

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
      const message = error instanceof AppError ? `${error.message}\n\n${error.hint ?? ''}` : String(error);
      dialog.showErrorBox('FlipSync could not start', message);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (quitWhenAllClosed(process.platform, trayReady, closeToTray)) app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  // Close the databases before the process ends, so nothing written is lost.
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = null;
    event.preventDefault();
    void closing.close().finally(() => app.quit());
  });
}
