/**
 * Browser mode's end of the eBay sign-in: the relay's accept page sends the seller's browser
 * to http://127.0.0.1:<port>/ebay/callback?code=…&state=… (the address carried in `state`).
 * Core checks the state and exchanges the code; the page then returns to Settings → eBay.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core';

export const EBAY_CALLBACK_PATH = '/ebay/callback';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function ebayCallback(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const result = await core.dispatch('ebay.connect.complete', { url: url.toString() }, { transport: 'in-process' });
  if (result.ok) {
    res.writeHead(302, { location: '/#/settings?section=ebay', 'cache-control': 'no-store' }).end();
    return;
  }
  const { message, hint } = result.error;
  res
    .writeHead(400, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
    })
    .end(
      `<!doctype html><meta charset="utf-8"><title>FlipSync: eBay sign-in</title>` +
        `<h1>eBay was not connected</h1><p>${escape(message)}</p>${hint ? `<p>${escape(hint)}</p>` : ''}` +
        `<p><a href="/#/settings?section=ebay">Back to Settings → eBay</a></p>`,
    );
}
