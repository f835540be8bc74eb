/**
 * The eBay double and the relay beside a page test's core, with core's settings pointing at
 * them (trusting the test CA through the CA file, as a seller's FlipSync would).
 */
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import { startEbayDouble, type EbayDouble } from '../../support/ebay/index';
import type { DoubleApp } from '../../support/ebay/state';
import { startTestRelay, type TestRelay } from '../../support/ebay/relay';
import { createTestCa } from '../../support/tls-ca';
import type { PageHarness } from './page';

export interface EbayBeside {
  ebay: EbayDouble;
  relay: TestRelay;
  /** A fetch that trusts the test CA: the seller's browser. */
  browser: typeof fetch;
}

/** For each test: a double and a relay for the page harness `h`; read the fields inside tests. */
export function ebayBesidePage(h: PageHarness, relaySecret: string): EbayBeside {
  const e = {} as EbayBeside & { agent: Agent };
  beforeEach(async () => {
    const ca = await createTestCa('eBay double');
    e.ebay = await startEbayDouble(ca);
    e.agent = new Agent({ connect: { ca: ca.rootPem } });
    e.browser = ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: e.agent, redirect: 'manual' })) as unknown as typeof fetch;
    let app: DoubleApp | null = null;
    e.relay = await startTestRelay(ca, e.ebay.origin, () => app!, e.browser);
    app = e.ebay.addApp({
      clientId: 'FlipSync-relay-PRD',
      clientSecret: relaySecret,
      ruName: 'FlipSync-FlipSync-relay-page',
      acceptUrl: e.relay.acceptUrl,
    });
    await h.call('settings.set', {
      ai: { caFile: await ca.writeRoot(h.core.platform.dataDir) },
      ebay: { apiBase: e.ebay.origin, authBase: e.ebay.origin, relayUrl: e.relay.origin },
    });
  });
  afterEach(async () => {
    await e.relay.close();
    await e.ebay.close();
    await e.agent.close();
  });
  return e;
}
