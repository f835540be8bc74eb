/**
 * eBay in the Inventory on a real core, the eBay double and the relay: "Import from eBay…" in
 * the toolbar once an account is connected (the same import as Settings → eBay), and the eBay
 * column: each imported item's listing number as a link to the listing, and its state there.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { seedSite } from '../support/ebay/index';
import { ebayBesidePage } from './support/ebay';
import { fakeViewport } from './support/inventory';
import { pageForEachTest } from './support/page';

describe('eBay in the Inventory', () => {
  const h = pageForEachTest({ hash: '#/inventory' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-inventory');
  let restoreViewport: () => void;
  beforeEach(() => (restoreViewport = fakeViewport()));
  afterEach(() => restoreViewport());

  it('imports from the toolbar once connected; each item links to its listing and says whether it is active', async () => {
    const [first, second] = seedSite(e.ebay.state, 3);
    await h.call('settings.set', { ebay: { importPictures: false } });
    // An item of the seller's own, never on eBay: its eBay cell stays empty.
    await h.call('inventory.create', { sku: 'OWN-1', title: 'Wool scarf', quantity: 1 });
    const user = h.render();
    await waitFor(() => expect(screen.getByTestId('connection-state').textContent).toMatch(/Connected/));
    // No account yet: nothing to import from.
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('1 item'));
    await screen.findByLabelText('Select OWN-1');
    expect(screen.queryByRole('button', { name: 'Import from eBay…' })).toBeNull();

    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45677/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    await user.click(await screen.findByRole('button', { name: 'Import from eBay…' }));
    const dialog = screen.getByRole('dialog', { name: 'Import from eBay' });
    await user.click(within(dialog).getByRole('button', { name: 'Import from eBay' }));
    await waitFor(() => expect(within(dialog).getByRole('status').textContent).toMatch(/^Done: 3 added/));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();

    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('4 items'));
    expect(screen.getByRole('columnheader', { name: 'eBay' })).toBeTruthy();
    const own = screen.getByLabelText('Select OWN-1').closest('[role="row"]')!;
    expect(within(own as HTMLElement).queryByRole('link')).toBeNull();
    const link = await screen.findByRole('link', { name: first!.itemId });
    expect(link.getAttribute('href')).toBe(`https://www.ebay.com/itm/${first!.itemId}`);
    // Opened outside the app: the shell sends allow-listed hosts to the seller's browser.
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toMatch(/noopener/);
    expect(screen.getByTestId('ebay-state-SITE-1').textContent).toBe('Active');
    expect(screen.getByTestId('ebay-state-SITE-2').textContent).toBe('Active');

    // The seller ends the first listing on eBay: the next import marks it ended, and keeps it.
    e.ebay.state.site.splice(e.ebay.state.site.indexOf(first!), 1);
    await user.click(screen.getByRole('button', { name: 'Import from eBay…' }));
    const again = screen.getByRole('dialog', { name: 'Import from eBay' });
    await user.click(within(again).getByRole('button', { name: 'Import from eBay' }));
    await waitFor(() => expect(within(again).getByRole('status').textContent).toMatch(/1 ended on eBay/));
    await waitFor(() => expect(screen.getByTestId('ebay-state-SITE-1').textContent).toBe('Ended'));
    expect(screen.getByTestId('ebay-state-SITE-2').textContent).toBe('Active');
    expect(screen.getByTestId('inventory-count').textContent).toBe('4 items');
    expect(screen.getByRole('link', { name: second!.itemId }).getAttribute('href')).toBe(
      `https://www.ebay.com/itm/${second!.itemId}`,
    );

    // Signed out: the toolbar no longer offers the import; the listings stay linked.
    await h.call('ebay.disconnect', {});
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Import from eBay…' })).toBeNull());
    expect(screen.getByRole('link', { name: first!.itemId })).toBeTruthy();
  });
});
