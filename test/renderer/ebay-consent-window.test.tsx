/**
 * Connecting eBay in the desktop app: the store asks the shell's consent window (preload's
 * `consent`) to show the address core issued, and finishes with the address it landed on. The
 * window itself is Electron's; here the test plays it, through the eBay double and the relay.
 */
import { screen } from '@testing-library/react';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { startEbayDouble, type EbayDouble } from '../support/ebay/index';
import type { DoubleApp } from '../support/ebay/state';
import { startTestRelay, type TestRelay } from '../support/ebay/relay';
import { createTestCa } from '../support/tls-ca';
import { pageForEachTest } from './support/page';

describe('Settings → eBay in the desktop app', () => {
  const h = pageForEachTest({ hash: '#/settings' });
  let ebay: EbayDouble;
  let relay: TestRelay;
  let agent: Agent;
  let browser: typeof fetch;
  let opened: string[];

  beforeEach(async () => {
    const ca = await createTestCa('eBay double');
    ebay = await startEbayDouble(ca);
    agent = new Agent({ connect: { ca: ca.rootPem } });
    browser = ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent, redirect: 'manual' })) as unknown as typeof fetch;
    let app: DoubleApp | null = null;
    relay = await startTestRelay(ca, ebay.origin, () => app!, browser);
    app = ebay.addApp({
      clientId: 'FlipSync-relay-PRD',
      clientSecret: 'CANARY-relay-secret-window',
      ruName: 'FlipSync-FlipSync-relay-win',
      acceptUrl: relay.acceptUrl,
    });
    const caFile = await ca.writeRoot(h.core.platform.dataDir);
    await h.call('settings.set', {
      ai: { caFile },
      ebay: { apiBase: ebay.origin, authBase: ebay.origin, relayUrl: relay.origin },
    });
    opened = [];
  });
  afterEach(async () => {
    delete window.flipsync;
    await relay.close();
    await ebay.close();
    await agent.close();
  });

  const desktop = (window: (url: string) => Promise<string | null>) => {
    globalThis.window.flipsync = {
      call: () => Promise.reject(new Error('the test transport carries the calls')),
      on: () => () => undefined,
      consent: (url) => {
        opened.push(url);
        return window(url);
      },
    };
  };

  it('opens eBay’s consent in the app’s window and finishes with the address it landed on', async () => {
    // Agreeing in the window: eBay sends it to the relay's accept address, where it is stopped.
    desktop((url) => consent(browser, url));
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Connect eBay' }));
    expect((await screen.findByText(/Connected as/)).textContent).toContain('thrift_and_find');
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).origin).toBe(ebay.origin);
    expect(ebay.violations).toEqual([]);
  });

  it('changes nothing when the seller closes the window', async () => {
    desktop(() => Promise.resolve(null));
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Connect eBay' }));
    await expect.poll(() => opened.length).toBe(1);
    expect(screen.getByText('No eBay account is connected.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(ebay.state.calls).not.toContain('token:authorization_code');
  });
});
