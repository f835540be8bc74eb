/**
 * eBay's consent page in a window of the app (the desktop twin of browser mode's tab). The
 * window shows eBay's own pages, so it gets no preload, no permissions and a session of its
 * own that is forgotten when the app quits. When it is about to go to the accept address
 * (the relay's, or eBay's own for a seller's keys) with a code or an error and a state,
 * the navigation is stopped there, the window closes and core finishes the sign-in with that
 * address; core checks the state. Which addresses count is decided in core
 * (`isConsentReturn`, tested in Node).
 */
import { BrowserWindow, type WebContentsWillNavigateEventParams, type Event } from 'electron';
import { isConsentReturn } from '../core/marketplace/ebay/consent-capture';
import { secureWebPreferences } from './trust';

let open: { win: BrowserWindow; url: string } | null = null;

/** Opens the consent window; answers the address it was stopped at, or null when the seller closed it. */
export function openConsentWindow(parent: BrowserWindow | null, url: string): Promise<string | null> {
  // One at a time: a second "Connect eBay" closes the first (its wait answers null).
  if (open && !open.win.isDestroyed()) open.win.close();
  const win = new BrowserWindow({
    ...(parent ? { parent } : {}),
    width: 900,
    height: 760,
    title: 'Connect eBay — FlipSync',
    autoHideMenuBar: true,
    // Its own session, kept in memory only: eBay's cookies are forgotten when the app quits.
    webPreferences: secureWebPreferences(null, { partition: 'ebay-consent', spellcheck: false }),
  });
  open = { win, url };
  return new Promise((resolve) => {
    let landed: string | null = null;
    const intercept = (event: Event<WebContentsWillNavigateEventParams>) => {
      if (landed !== null || !isConsentReturn(event.url)) return;
      landed = event.url;
      event.preventDefault();
      win.close();
    };
    win.webContents.on('will-navigate', intercept);
    win.webContents.on('will-redirect', intercept);
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.webContents.on('will-attach-webview', (event) => event.preventDefault());
    win.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    win.webContents.session.setPermissionCheckHandler(() => false);
    win.on('closed', () => {
      if (open?.win === win) open = null;
      resolve(landed);
    });
    void win.loadURL(url);
  });
}
