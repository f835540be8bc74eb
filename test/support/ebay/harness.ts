/**
 * One eBay test setup: a real core in a temp folder, the eBay double and the real relay
 * over HTTPS with the test CA, and core's eBay settings pointing at them.
 */
import { afterEach, beforeEach } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Core } from '../../../src/main/core/core';
import { inProcess, startCore } from '../core';
import { tempDir } from '../temp-dir';
import { createTestCa, type TestCa } from '../tls-ca';
import { startEbayDouble, type DoubleApp, type EbayDouble } from './index';
import { startTestRelay, type TestRelay } from './relay';
import { consent } from './consent';

export { consent };

export interface EbayHarness {
  core: Core;
  dir: string;
  ebay: EbayDouble;
  relay: TestRelay;
  ca: TestCa;
  /** FlipSync's keyset at the relay, and the seller's own keyset. */
  relayApp: DoubleApp;
  ownApp: DoubleApp;
  /** A fetch that trusts the test CA (the test playing the browser). */
  browser: typeof fetch;
  call<T = unknown>(route: string, input?: unknown): Promise<T>;
  /** Signs in the way the seller would, in the mode given; answers the status. */
  connect(mode: 'relay' | 'own-keys'): Promise<unknown>;
}

export const OWN_SECRET = 'CANARY-own-client-secret-7f3a';

export function ebayForEachTest(): EbayHarness {
  const h = {} as EbayHarness & { removeDir: () => Promise<void>; agent: Agent };
  beforeEach(async () => {
    const dir = await tempDir();
    h.dir = dir.path;
    h.removeDir = dir.remove;
    h.ca = await createTestCa('eBay double');
    h.ebay = await startEbayDouble(h.ca);
    h.agent = new Agent({ connect: { ca: h.ca.rootPem } });
    h.browser = ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: h.agent, redirect: 'manual' })) as unknown as typeof fetch;
    h.relay = await startTestRelay(h.ca, h.ebay.origin, () => h.relayApp, h.browser);
    h.relayApp = h.ebay.addApp({
      clientId: 'FlipSync-relay-PRD',
      clientSecret: 'CANARY-relay-secret-91bd',
      ruName: 'FlipSync-FlipSync-relay-abcd',
      acceptUrl: h.relay.acceptUrl,
    });
    h.ownApp = h.ebay.addApp({
      clientId: 'Seller-own-PRD',
      clientSecret: OWN_SECRET,
      ruName: 'Seller-Seller-own-wxyz',
    });
    h.core = await startCore(h.dir);
    const caFile = await h.ca.writeRoot(h.dir);
    h.call = async (route, input = {}) => {
      const res = (await h.core.dispatch(route as never, input as never, inProcess)) as {
        ok: boolean;
        data?: unknown;
        error?: { message: string };
      };
      if (!res.ok) throw new Error(`${route}: ${res.error?.message}`);
      return res.data as never;
    };
    await h.call('settings.set', {
      ai: { caFile },
      ebay: { apiBase: h.ebay.origin, authBase: h.ebay.origin, relayUrl: h.relay.origin },
    });
    h.connect = async (mode) => {
      if (mode === 'own-keys') {
        await h.call('settings.set', {
          ebay: { signIn: 'own-keys', clientId: h.ownApp.clientId, ruName: h.ownApp.ruName },
        });
        await h.call('ebay.setClientSecret', { secret: OWN_SECRET });
      }
      const returnTo = mode === 'relay' ? 'http://127.0.0.1:45678/ebay/callback' : undefined;
      const { url } = await h.call<{ url: string }>('ebay.connect.begin', returnTo ? { returnTo } : {});
      const landed = await consent(h.browser, url);
      return h.call('ebay.connect.complete', { url: landed });
    };
  });
  afterEach(async () => {
    await h.core.close();
    await h.relay.close();
    await h.ebay.close();
    await h.agent.close();
    await h.removeDir();
  });
  return h;
}
