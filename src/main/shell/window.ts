import { app, BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAllowedExternalUrl, secureWebPreferences } from './trust';
import { MIN_SIZE, type Rect } from './window-state';

/**
 * The URL the app's own page is loaded from: the dev server (`electron-vite dev` only), or
 * the built file. An installed app ignores the variable: whoever set it would otherwise get
 * a page of their choosing treated as FlipSync's own, with the whole API.
 */
export function appUrl(): string {
  if (process.env.ELECTRON_RENDERER_URL && !app.isPackaged) return process.env.ELECTRON_RENDERER_URL;
  return pathToFileURL(path.join(import.meta.dirname, '../renderer/index.html')).href;
}

/** The app's URL opened on one page (`approvals` → …/index.html#/approvals). */
export function appUrlFor(view: string): string {
  // Page ids are plain words; anything else is not a page and opens the app as it is.
  if (!/^[a-z][a-z-]{0,30}$/.test(view)) return appUrl();
  const url = new URL(appUrl());
  url.hash = `/${view}`;
  return url.href;
}

export function createMainWindow(place: { bounds: Partial<Rect> & { width: number; height: number }; icon?: string }) {
  const win = new BrowserWindow({
    ...place.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'FlipSync',
    ...(place.icon ? { icon: place.icon } : {}),
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs')),
  });

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
  win.webContents.session.setPermissionCheckHandler(() => false);

  void win.loadURL(appUrl());
  return win;
}

/** Brings the window to the front, on the given page if one is named. */
export function showWindow(win: BrowserWindow, view?: string): void {
  if (view) void win.loadURL(appUrlFor(view));
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
