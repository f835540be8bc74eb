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
  // Compared part by part: Node gives custom schemes (app://) the opaque origin "null", which
  // would make every such URL look alike.
  return frame.protocol === app.protocol && frame.host === app.host;
}

/** Hosts the app may open in the seller's browser; anything else stays closed. */
export const EXTERNAL_HOSTS = new Set([
  'www.ebay.com',
  'www.ebay.co.uk',
  'www.ebay.de',
  'www.ebay.com.au',
  // Listings of the sandbox environment (Settings → eBay), opened from the Inventory.
  'www.sandbox.ebay.com',
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

/**
 * What a link that leaves the app does: allow-listed sites open in the seller's browser,
 * other web addresses (a chat answer may cite any site) open only after the seller agrees,
 * and anything else (file:, javascript:, custom schemes) never opens.
 */
export function externalLinkAction(url: string): 'open' | 'ask' | 'deny' {
  if (isAllowedExternalUrl(url)) return 'open';
  try {
    const { protocol, username, password } = new URL(url);
    if (username || password) return 'deny';
    return protocol === 'https:' || protocol === 'http:' ? 'ask' : 'deny';
  } catch {
    return 'deny';
  }
}

/**
 * The one permission the app's page gets: writing sanitized text to the clipboard (the
 * chat's Copy buttons), and only from the app's own page. Camera, microphone, location,
 * notifications from the page, clipboard reads: all refused.
 */
export function allowPermission(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  if (permission !== 'clipboard-sanitized-write') return false;
  return isTrustedSender({ frameUrl: requestingUrl, isMainFrame: true }, appUrl);
}

/** The webPreferences every FlipSync window uses; a test checks each one. */
export function secureWebPreferences(preload: string | null, extra: { partition?: string; spellcheck?: boolean } = {}) {
  return {
    // A window showing someone else's pages (eBay's consent) gets no door to the app.
    ...(preload ? { preload } : {}),
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
    // Spelling with the system's dictionaries (Windows, macOS); on Linux the download URL
    // points at the app itself, so no dictionary is ever fetched from a remote CDN.
    spellcheck: true,
    ...extra,
  } as const;
}
