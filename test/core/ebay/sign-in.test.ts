import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EbayStatus } from '../../../src/shared/api';
import { inProcess } from '../../support/core';
import { consent, ebayForEachTest, OWN_SECRET } from '../../support/ebay/harness';

const h = ebayForEachTest();

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('signing in to eBay', () => {
  it('connects through the relay: the accept page hands the code to the app’s loopback address', async () => {
    const status = (await h.connect('relay')) as EbayStatus;
    expect(status).toMatchObject({
      connected: true,
      signIn: 'relay',
      user: { username: 'thrift_and_find' },
      consentEndingSoon: false,
    });
    expect(status.scopes).toContain('https://api.ebay.com/oauth/api_scope/sell.inventory');
    // About 18 months of consent.
    expect(Date.parse(status.consentExpiresAt!) - Date.now()).toBeGreaterThan(500 * 86_400_000);
    expect(h.relay.installs.length).toBeGreaterThan(0);
    expect(h.relay.installs.every((id) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
    // The relay keeps no user token: none of those eBay issued reaches its log.
    const issued = [...h.ebay.state.accessTokens.keys(), ...h.ebay.state.refreshTokens.keys()];
    expect(issued.length).toBeGreaterThan(0);
    for (const token of issued) expect(h.relay.logs.join('\n')).not.toContain(token);
    expect(h.ebay.state.calls).toContain('token:authorization_code');
    expect(h.ebay.violations).toEqual([]);

    const after = await h.call<EbayStatus>('ebay.disconnect');
    expect(after).toMatchObject({ connected: false, user: null, scopes: [] });
    const secrets = await readFile(path.join(h.dir, 'secrets', 'secrets.json'), 'utf8').catch(() => '{}');
    expect(secrets).not.toMatch(/ebay\.(access|refresh)Token"/);
  });

  it('connects with the seller’s own keys, the code pasted from eBay’s accept page', async () => {
    const status = (await h.connect('own-keys')) as EbayStatus;
    expect(status).toMatchObject({
      connected: true,
      signIn: 'own-keys',
      hasClientSecret: true,
      user: { userId: 'u8xSeLLeR' },
    });
    expect(status.usage.find((u) => u.api === 'oauth')!.calls).toBeGreaterThanOrEqual(1);
    expect(status.usage.find((u) => u.api === 'identity')!.calls).toBe(1);
    expect(h.ebay.violations).toEqual([]);
    await h.call('ebay.disconnect');
    expect((await h.call<EbayStatus>('ebay.status')).connected).toBe(false);
  });

  it('refuses an address whose state was not issued here, and a code used twice', async () => {
    const { url } = await h.call<{ url: string }>('ebay.connect.begin', {
      returnTo: 'http://127.0.0.1:45678/ebay/callback',
    });
    const landed = new URL(await consent(h.browser, url));
    const forged = new URL(landed);
    forged.searchParams.set('state', 'someone-else.aHR0cDovL2V2aWw');
    const refused = await h.core.dispatch('ebay.connect.complete', { url: forged.toString() }, inProcess);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('state does not match') } });
    expect((await h.call<EbayStatus>('ebay.status')).connected).toBe(false);
    // The real one still works once, and only once.
    await h.call('ebay.connect.complete', { url: landed.toString() });
    const again = await h.core.dispatch('ebay.connect.complete', { url: landed.toString() }, inProcess);
    expect(again.ok).toBe(false);
  });

  it('keeps eBay secrets and tokens out of every database, log line and event', async () => {
    const logged: string[] = [];
    const events: string[] = [];
    const off = h.core.events.onAny((name, payload) => events.push(JSON.stringify([name, payload])));
    const spies = (['log', 'warn', 'error', 'info'] as const).map((k) => {
      const orig = console[k];
      console[k] = (...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
        orig(...args);
      };
      return () => (console[k] = orig);
    });
    try {
      await h.connect('own-keys');
      h.ebay.state.expireAccessTokens();
      h.ebay.state.site.push({
        itemId: '1',
        title: 'x',
        price: 1,
        currency: 'USD',
        quantity: 1,
        quantitySold: 0,
        categoryId: '1',
        categoryName: 'c',
        conditionId: 1000,
        conditionName: 'New',
        specifics: [],
        startTime: '2026-01-01T00:00:00Z',
        pictureUrls: [],
        description: '',
        status: 'Active',
      });
      await h.call('ebay.import.start');
      await h.core.ebay.importer.idle();
      expect((await h.call<{ state: string }>('ebay.import.status')).state).toBe('done');
    } finally {
      off();
      spies.forEach((restore) => restore());
    }
    const canaries = [
      OWN_SECRET,
      'CANARY-relay-secret-91bd',
      ...h.ebay.state.accessTokens.keys(),
      ...h.ebay.state.refreshTokens.keys(),
    ];
    const dbFiles = (await filesUnder(h.dir)).filter((f) => !f.includes(`${path.sep}secrets${path.sep}`));
    for (const file of dbFiles) {
      const bytes = await readFile(file, 'latin1');
      for (const canary of canaries) expect(bytes.includes(canary), `${canary.slice(0, 12)}… in ${file}`).toBe(false);
    }
    for (const canary of canaries) {
      expect(logged.join('\n')).not.toContain(canary);
      expect(events.join('\n')).not.toContain(canary);
    }
    const status = JSON.stringify(await h.call('ebay.status'));
    for (const canary of canaries) expect(status).not.toContain(canary);
  });
});
