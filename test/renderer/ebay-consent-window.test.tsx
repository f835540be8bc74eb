/**
 * Connecting eBay in the desktop app: the store asks the shell's consent window (preload's
 * `consent`) to show the address core issued, and finishes with the address it landed on. The
 * window itself is Electron's; here the test plays it, through the eBay double and the relay.
 */
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { ebayBesidePage } from './support/ebay';
import { pageForEachTest } from './support/page';

describe('Settings → eBay in the desktop app', () => {
  const h = pageForEachTest({ hash: '#/settings' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-window');
  let opened: string[];

  beforeEach(() => {
    opened = [];
  });
  afterEach(() => {
    delete window.flipsync;
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
    desktop((url) => consent(e.browser, url));
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Connect eBay' }));
    expect((await screen.findByText(/Connected as/)).textContent).toContain('thrift_and_find');
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0]!).origin).toBe(e.ebay.origin);
    expect(e.ebay.violations).toEqual([]);
  });

  it('changes nothing when the seller closes the window', async () => {
    desktop(() => Promise.resolve(null));
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Connect eBay' }));
    await expect.poll(() => opened.length).toBe(1);
    expect(screen.getByText('No eBay account is connected.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(e.ebay.state.calls).not.toContain('token:authorization_code');
  });
});
