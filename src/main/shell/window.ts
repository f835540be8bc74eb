import { app, BrowserWindow, dialog, shell } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './app-protocol';
import { allowPermission, externalLinkAction, secureWebPreferences } from './trust';
import { MIN_SIZE, type Rect } from './window-state';

/**
 * The URL the app's own page is loaded from: the dev server (`electron-vite dev` only), or
 * the built renderer through the app protocol. An installed app ignores the variable:
 * whoever set it would otherwise get a page of their choosing treated as FlipSync's own.
 */
export function appUrl(): string {
  if (process.env.ELECTRON_RENDERER_URL && !app.isPackaged) return process.env.ELECTRON_RENDERER_URL;
  return `${APP_ORIGIN}/index.html`;
}

/** The app's URL opened on one page (`approvals` → …/index.html#/approvals). */
export function appUrlFor(view: string): string {
  // Page ids are plain words; anything else is not a page and opens the app as it is.
  if (!/^[a-z][a-z-]{0,30}$/.test(view)) return appUrl();
  const url = new URL(appUrl());
  url.hash = `/${view}`;
  return url.href;
}

/** Allow-listed links open; any other web address asks first; nothing else opens. */
async function openOutside(win: BrowserWindow, url: string): Promise<void> {
  const action = externalLinkAction(url);
  if (action === 'deny') return;
  if (action === 'ask') {
    const { response } = await dialog.showMessageBox(win, {
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `Open ${new URL(url).host} in your browser?`,
      detail: `${url}\n\nThis site is not one FlipSync links to itself. Open it only if you trust it.`,
    });
    if (response !== 0) return;
  }
  await shell.openExternal(url);
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

  // The app never navigates away from its own page, and never opens windows of its own;
  // a link to elsewhere goes to the seller's browser (asking first unless allow-listed).
  win.webContents.on('will-navigate', (event) => {
    event.preventDefault();
    void openOutside(win, event.url);
  });
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openOutside(win, url);
    return { action: 'deny' };
  });
  const session = win.webContents.session;
  // Only clipboard writes (the chat's Copy buttons), only from the app's page.
  session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl, appUrl())),
  );
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    allowPermission(permission, requestingOrigin, appUrl()),
  );
  // Hunspell dictionaries (Linux) come from the app itself, never from Google's CDN.
  session.setSpellCheckerDictionaryDownloadURL(`${APP_ORIGIN}/hunspell/`);

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
