/**
 * Settings → eBay → Needs matching: a line sold on eBay whose SKU names no item waits there;
 * the seller types the item's SKU once, by keyboard, and the line becomes a sale of it.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { seedOrders, seedSite } from '../support/ebay/index';
import { ebayBesidePage } from './support/ebay';
import { pageForEachTest } from './support/page';

describe('eBay order lines that need matching', () => {
  const h = pageForEachTest({ hash: '#/settings?section=ebay' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-match');

  it('lists them, refuses a SKU no item has in words, and matches by the SKU the seller types', async () => {
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45678/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    seedSite(e.ebay.state, 1);
    seedOrders(e.ebay.state, 1, 2, 900);
    // eBay handed $2 back on the lamp's line (no return): the list says so, and the sale will carry it.
    const lampLine = e.ebay.state.orders[0]!.lineItems!.find((l) => l.sku === 'SITE-901')!;
    lampLine.refunds = [
      { amount: { value: '2.00', currency: 'USD' }, refundDate: new Date().toISOString(), refundId: '5012345691' },
    ];
    await h.call('ebay.orders.poll', {});
    const item = await h.call('inventory.create', { sku: 'LAMP-901', title: 'Brass lamp', quantity: 3 });

    const user = h.render();
    const section = await screen.findByRole('region', { name: 'Needs matching' });
    const lines = await within(section).findAllByTestId('ebay-unmatched-line');
    expect(lines).toHaveLength(2);
    const lamp = lines.find((l) => l.textContent!.includes('eBay SKU SITE-901'))!;
    expect(lamp.textContent).toMatch(/1 × Vintage find number 901 at \$11\.99, \$2\.00 refunded \(eBay SKU SITE-901/);

    const field = within(lamp).getByLabelText('SKU in FlipSync');
    await user.type(field, 'NOPE-1{Enter}');
    expect((await within(lamp).findByRole('alert')).textContent).toMatch(/No item in your inventory has SKU "NOPE-1"/);
    expect(field.getAttribute('aria-invalid')).toBe('true');

    await user.clear(field);
    await user.type(field, 'LAMP-901{Enter}');
    await waitFor(() => expect(within(section).getAllByTestId('ebay-unmatched-line')).toHaveLength(1));
    expect((await h.call('inventory.get', { id: item.id })).quantity).toBe(2);
    const history = await h.call('inventory.history', { id: item.id });
    expect(history.entries.find((entry) => entry.type === 'sale')?.sale?.refunded).toBe(2);
    await waitFor(() =>
      expect(screen.getByTestId('ebay-orders-status').textContent).toMatch(/1 sold item matches nothing/),
    );
  });
});
