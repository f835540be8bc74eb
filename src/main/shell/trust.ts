/**
 * Pure rules the Electron shell enforces, kept free of Electron so tests run in Node:
 * which frames may call the API and which links may open outside the app.
 */

/** A call is trusted only from the app's own top frame, loaded from the app's own URL. */
export function isTrustedSender(
  sender: { frameUrl: string | undefined; isMainFrame: boolean },
  appUrl: string,
): boolean {
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  let frame: URL;
  let app: URL;
  try {
    frame = new URL(sender.frameUrl);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === app.pathname;
  return frame.origin === app.origin;
}

/** Hosts the app may open in the seller's browser; anything else stays closed. */
export const EXTERNAL_HOSTS = new Set([
  'www.ebay.com',
  'www.ebay.co.uk',
  'www.ebay.de',
  'www.ebay.com.au',
  'platform.openai.com',
  'openrouter.ai',
  'ollama.com',
  'lmstudio.ai',
  'docs.couchdb.org',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** The webPreferences every FlipSync window uses; a test checks each one. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Middle-click must not open links in new windows (window.open is denied as well).
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true,
  } as const;
}
