/**
 * The pages behind the RuName: eBay sends the seller's browser to the accept URL with `code`
 * and `state` after consent, or to the decline URL. The accept page hands the code back to
 * FlipSync on this computer when `state` carries a loopback return address, and otherwise
 * shows the address to paste into FlipSync. Nothing is stored.
 */
import { readRelayState } from '../shared/ebay/relay-protocol';

/** The app's own loopback listener, read from `state`; null for anything else. */
export function loopbackReturnAddress(state: string): URL | null {
  const read = readRelayState(state);
  if (!read) return null;
  let url: URL;
  try {
    url = new URL(read.returnAddress);
  } catch {
    return null;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'http:' || !loopback || url.port === '' || url.username || url.password) return null;
  return url;
}

export function redirectTarget(returnAddress: URL, code: string, state: string): string {
  const target = new URL(returnAddress.href);
  target.hash = '';
  target.searchParams.set('code', code);
  target.searchParams.set('state', state);
  return target.href;
}

export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

export function pastePage(acceptUrl: string, code: string): string {
  return page(
    'Almost connected',
    `<p>eBay has agreed to connect your account. FlipSync could not be reached automatically, so copy
this address and paste it into FlipSync, in Settings → eBay → <b>Paste the address</b>:</p>
<textarea readonly rows="5" aria-label="Address to paste into FlipSync">${escapeHtml(acceptUrl)}</textarea>
<p>If FlipSync asks only for the code, it is:</p>
<textarea readonly rows="3" aria-label="Code">${escapeHtml(code)}</textarea>
<p class="note">The code works once and only for a few minutes. If it has run out, start connecting again in FlipSync.</p>`,
  );
}

export function missingCodePage(): string {
  return page(
    'Nothing to connect',
    '<p>This page did not receive a sign-in code from eBay. Start connecting again from FlipSync (Settings → eBay).</p>',
  );
}

export function declinePage(): string {
  return page(
    'You declined',
    '<p>You declined; nothing was shared. FlipSync has no access to your eBay account. You can close this page, ' +
      'or connect again from FlipSync (Settings → eBay) whenever you like.</p>',
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>FlipSync · ${escapeHtml(title)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1d2430; }
textarea { width: 100%; font: 14px/1.4 ui-monospace, monospace; word-break: break-all; }
.note { color: #5a6474; font-size: 14px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
