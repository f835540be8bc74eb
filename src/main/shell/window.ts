import { BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAllowedExternalUrl, secureWebPreferences } from './trust';

/** The URL the app's own page is loaded from: the dev server, or the built file. */
export function appUrl(): string {
  if (process.env.ELECTRON_RENDERER_URL) return process.env.ELECTRON_RENDERER_URL;
  return pathToFileURL(path.join(import.meta.dirname, '../renderer/index.html')).href;
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'FlipSync',
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs')),
  });
  win.once('ready-to-show', () => win.show());

  // The app never navigates away from its own page, and never opens windows of its own.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // No camera, microphone, location or anything else a web page might ask for.
  win.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  void win.loadURL(appUrl());
  return win;
}
