import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/server';
import type { EbayStatus } from '../../src/shared/api';
import { consent, ebayForEachTest } from '../support/ebay/harness';

const h = ebayForEachTest();
let server: BrowserServer;

beforeEach(async () => {
  const rendererDir = path.join(h.dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>FlipSync</title>');
  server = await startBrowserServer({ core: h.core, rendererDir, token: 'test-token' });
});
afterEach(() => server.close());

describe('browser mode: the eBay sign-in comes back to /ebay/callback', () => {
  it('connects when the relay’s accept page sends the browser to the app, then returns to Settings → eBay', async () => {
    const returnTo = `http://127.0.0.1:${server.port}/ebay/callback`;
    const { url } = await h.call<{ url: string }>('ebay.connect.begin', { returnTo });
    const landed = await consent(h.browser, url);
    expect(landed.startsWith(`${returnTo}?`)).toBe(true);
    const res = await fetch(landed, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/#/settings?section=ebay');
    expect(await h.call<EbayStatus>('ebay.status')).toMatchObject({
      connected: true,
      user: { username: 'thrift_and_find' },
    });
  });

  it('shows why when the state does not match, in words, and connects nothing', async () => {
    await h.call('ebay.connect.begin', { returnTo: `http://127.0.0.1:${server.port}/ebay/callback` });
    const res = await fetch(`http://127.0.0.1:${server.port}/ebay/callback?code=abc&state=forged.eA`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('state does not match');
    expect((await h.call<EbayStatus>('ebay.status')).connected).toBe(false);
  });
});
