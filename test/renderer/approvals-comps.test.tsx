/** A price proposal made with market data lists the live eBay listings it compared, as links. */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { propose } from '../support/propose';
import { pageForEachTest } from './support/page';

const slow = { timeout: 10_000 };

describe('Approvals: market comparables', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/approvals' });

  it('shows the compared listings folded under the rationale, each a link to eBay', async () => {
    const item = await h.core.inventory.create({ sku: 'IPAD-1', title: 'Apple iPad mini', quantity: 1, listPrice: 80 });
    await propose(h.core, item, {
      summary: 'Price IPAD-1 at $57.50 (now $80.00)',
      before: { listPrice: 80 },
      after: { listPrice: 57.5 },
      why: '4 live eBay listings with the same GTIN ask a median of $57.50.',
      comps: [
        { title: 'Apple iPad mini 64GB', price: 50, url: 'https://www.ebay.com/itm/300000000001', condition: 'Used' },
        { title: 'Apple iPad mini wifi', price: 65, url: 'https://www.ebay.com/itm/300000000002', condition: 'Used' },
      ],
    });
    h.render();
    const card = await screen.findByTestId(/^proposal-proposal:/, {}, slow);
    const folded = within(card).getByText(/2 live eBay listings compared \(asking prices\)/);
    expect(folded.closest('details')?.open).toBe(false);
    const links = within(card)
      .getAllByRole('link', { name: /Apple iPad mini/ })
      .filter((a) => a.getAttribute('target'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://www.ebay.com/itm/300000000001',
      'https://www.ebay.com/itm/300000000002',
    ]);
    await waitFor(() => expect(card.textContent).toMatch(/\$50\.00 · Used/));
  });
});
