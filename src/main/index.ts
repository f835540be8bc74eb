/** The Electron shell: window, IPC and platform pieces around the Electron-free core. */
import { app, BrowserWindow, dialog } from 'electron';
import { createCore, type Core } from './core/core';
import { AppError } from './core/errors';
import { registerIpc } from './shell/ipc';
import { createElectronPlatform } from './shell/platform';
import { createMainWindow } from './shell/window';

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app
    .whenReady()
    .then(async () => {
      core = await createCore(createElectronPlatform());
      registerIpc(core, () => mainWindow);
      mainWindow = createMainWindow();
      mainWindow.on('closed', () => (mainWindow = null));
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
      });
    })
    .catch((error: unknown) => {
      const message = error instanceof AppError ? `${error.message}\n\n${error.hint ?? ''}` : String(error);
      dialog.showErrorBox('FlipSync could not start', message);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void core?.close();
  });
}
