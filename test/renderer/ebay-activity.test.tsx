/**
 * Settings → eBay → eBay activity: the quantity updates FlipSync owes eBay, each with its
 * state and eBay's reason, retried or dropped by the seller; and the sales taken in from eBay,
 * with fees marked estimated until eBay reports them.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { seedOrders, seedSite } from '../support/ebay/index';
import { ebayBesidePage } from './support/ebay';
import { pageForEachTest } from './support/page';

describe('eBay activity', () => {
  const h = pageForEachTest({ hash: '#/settings?section=ebay' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-activity');

  it('shows a held update with eBay’s reason, drops it on request, and lists sales taken in', async () => {
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45679/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    seedSite(e.ebay.state, 2);
    await h.call('settings.set', { ebay: { importPictures: false } });
    await h.call('ebay.import.start', {});
    await h.core.ebay.importer.idle();
    await h.core.ebay.outbox.idle();
    const { items } = await h.call('inventory.list', { q: 'SITE-1', status: ['listed'] });
    const item = items.find((i) => i.sku === 'SITE-1')!;

    const user = h.render();
    const updates = await screen.findByRole('region', { name: 'Quantity updates to eBay' });
    // The import read what eBay has: nothing is owed.
    const rowOf = async (sku: string) =>
      (await within(updates).findAllByTestId('ebay-update')).find((r) => r.textContent!.includes(sku))!;
    await waitFor(async () => expect((await rowOf('SITE-1')).textContent).toMatch(/In step with eBay/));

    // eBay already counts 250 revisions of this listing today: the update is held, with why.
    e.ebay.state.revisions.set(item.ebayItemId!, 250);
    await h.call('inventory.recordSale', { id: item.id, price: 20, channel: 'market stall' });
    await h.core.ebay.outbox.idle();
    await waitFor(async () =>
      expect((await rowOf('SITE-1')).textContent).toMatch(/Held: .*250 revisions of a listing a day/),
    );
    const held = await rowOf('SITE-1');
    await user.click(within(held).getByRole('button', { name: `Drop the update of listing ${item.ebayItemId}` }));
    await waitFor(async () =>
      expect((await rowOf('SITE-1')).textContent).toMatch(/Not sent: Dropped by you: eBay kept its quantity\./),
    );
    expect(within(await rowOf('SITE-1')).queryByRole('button')).toBeNull();
    const status = await h.call('ebay.outbox.status', {});
    expect(status.held + status.pending + status.failed).toBe(0);

    // An order on eBay: taken in, listed with its fee marked estimated.
    e.ebay.state.revisions.set(item.ebayItemId!, 0);
    seedOrders(e.ebay.state, 1, 1, 2);
    await h.call('ebay.orders.poll', {});
    const sales = await screen.findByRole('region', { name: 'Sales taken in from eBay' });
    await waitFor(() =>
      expect(within(sales).getByTestId('ebay-recent-sales').textContent).toMatch(
        /1 × .* \(SITE-2\) for \$12\.99, fees \$1\.50 \(estimated until eBay reports them\)/,
      ),
    );
  });
});
