/**
 * eBay in the status bar: nothing until an account is connected; then when orders were last
 * read and when they are read next, and a failed read in words, until a read works again.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { seedSite } from '../support/ebay/index';
import { ebayBesidePage } from './support/ebay';
import { pageForEachTest } from './support/page';

describe('eBay in the status bar', () => {
  const h = pageForEachTest({ hash: '#/inventory' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-bar');

  it('appears once eBay is connected, says when orders were read and what failed', async () => {
    h.render();
    const bar = await screen.findByTestId('status-bar');
    await waitFor(() => expect(screen.getByTestId('connection-state').textContent).toMatch(/Connected/));
    expect(screen.queryByTestId('ebay-indicator')).toBeNull();

    // Signing in (as Settings does) makes it appear without a reload.
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45677/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    const indicator = await screen.findByTestId('ebay-indicator');
    expect(bar.contains(indicator)).toBe(true);
    expect(indicator.getAttribute('href')).toBe('#/settings?section=ebay');

    await h.call('ebay.orders.poll', {});
    // The next automatic read is scheduled from the start: the bar says when.
    await waitFor(() =>
      expect(screen.getByTestId('ebay-indicator').textContent).toMatch(/^eBay: checked just now · next \d/),
    );
    expect(screen.getByTestId('ebay-indicator').getAttribute('title')).toMatch(/Next check at \d/);

    // eBay fails the next read: the bar says so, and the tooltip says what eBay answered.
    e.ebay.state.inject({ api: 'any', status: 400 });
    await expect(h.call('ebay.orders.poll', {})).rejects.toThrow();
    await waitFor(() => expect(screen.getByTestId('ebay-indicator').textContent).toBe('eBay: last check failed'));
    expect(screen.getByTestId('ebay-indicator').getAttribute('title')).toMatch(/eBay/);

    // The next read works: the failure is gone.
    await h.call('ebay.orders.poll', {});
    await waitFor(() => expect(screen.getByTestId('ebay-indicator').textContent).toMatch(/^eBay: checked just now/));

    await h.call('ebay.disconnect', {});
    await waitFor(() => expect(screen.queryByTestId('ebay-indicator')).toBeNull());
  });

  it('says when quantity updates for eBay wait, and why, until they are sent', async () => {
    seedSite(e.ebay.state, 2);
    h.render();
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45677/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    await h.call('settings.set', { ebay: { importPictures: false } });
    await h.call('ebay.import.start', {});
    await h.core.ebay.importer.idle();
    await screen.findByTestId('ebay-indicator');

    // eBay asks to come back in an hour: the stock change waits, and the bar says so.
    e.ebay.state.inject({ api: 'trading', status: 429, retryAfter: 3600 });
    const [item] = (await h.call('inventory.list', { q: 'SITE-1', status: ['listed'] })).items;
    await h.call('inventory.adjustStock', { id: item!.id, kind: 'received', delta: 3, note: '' });
    await waitFor(() => expect(screen.getByTestId('ebay-indicator').textContent).toMatch(/1 quantity update waiting/));
    // The entry waits from the moment stock moved; eBay's reason comes with the failed send.
    await waitFor(() =>
      expect(screen.getByTestId('ebay-indicator').getAttribute('title')).toMatch(
        new RegExp(`Listing ${item!.ebayItemId} \\(SITE-1\\), quantity ${item!.quantity + 3}: .*429`),
      ),
    );

    // Sent on the seller's retry: the bar no longer mentions it.
    await h.call('ebay.outbox.retry', { listing: item!.ebayItemId! });
    await waitFor(() => expect(screen.getByTestId('ebay-indicator').textContent).not.toMatch(/waiting/));
    expect(e.ebay.state.quantityUpdates).toEqual([{ listing: item!.ebayItemId, quantity: item!.quantity + 3 }]);
  });
});
