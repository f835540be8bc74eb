/**
 * Opening Approvals with more proposals waiting than fit on a screen: the first few come in
 * one small answer so the page is usable at once, then every waiting proposal follows.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useApprovals } from '../../src/renderer/src/stores/approvals';
import { propose } from '../support/propose';
import { pageForEachTest } from './support/page';

const slow = { timeout: 15_000 };

describe('Approvals with many waiting', { timeout: 60_000 }, () => {
  const h = pageForEachTest({ hash: '#/approvals' });

  it('shows the first cards from a small answer, then loads all 120', async () => {
    const item = await h.core.inventory.create({ sku: 'MANY-1', title: 'Lamp', quantity: 1, listPrice: 10 });
    for (let i = 0; i < 120; i++)
      await propose(h.core, item, {
        itemTitle: `${item.title} ${i}`,
        summary: `Price proposal ${i}`,
        after: { listPrice: 11 + i },
      });
    const dispatch = vi.spyOn(h.core, 'dispatch');
    h.render();
    await screen.findAllByTestId(/^proposal-proposal:/, {}, slow);
    await waitFor(() => expect(useApprovals.getState().pending).toHaveLength(120), slow);
    expect(screen.getByTestId('approvals-badge').textContent).toBe('120');
    const limits = dispatch.mock.calls
      .filter(([route, input]) => route === 'proposals.list' && (input as { status: string[] }).status[0] === 'pending')
      .map(([, input]) => (input as { limit?: number }).limit)
      // The nav badge asks for the count alone (limit 1).
      .filter((limit) => limit !== 1);
    expect(limits.slice(0, 2)).toEqual([20, 1000]);
  });
});
