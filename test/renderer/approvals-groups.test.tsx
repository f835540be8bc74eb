/**
 * A scan's markdowns as one card on the Approvals page, against a real core: re-priced,
 * approved and rejected as a whole, opened to decide item by item, all from the keyboard too.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { daysAgo, runHealth, seedProblems } from './support/agents-seed';
import { pageForEachTest, type PageHarness } from './support/page';

const slow = { timeout: 10_000 };
const groupCards = () => screen.queryAllByTestId(/^group-group:/);
const proposalCards = () => screen.queryAllByTestId(/^proposal-proposal:/);

/** Three stale listings (one group of markdowns) and one price below cost (a card of its own). */
async function seed(h: PageHarness) {
  const { stale, below } = await seedProblems(h.core);
  const more = (sku: string, listPrice: number, cost: number) =>
    h.call('inventory.create', {
      sku,
      title: `Stale ${sku}`,
      status: 'listed',
      listPrice,
      cost,
      listedAt: daysAgo(120),
      quantity: 3,
      specifics: [{ name: 'Brand', value: 'Acme' }],
    });
  // OLD-3's break-even: (50 + 0.40) / (1 − 0.136) = 58.34, above any markdown of 20% or more.
  const items = [stale, await more('OLD-2', 50, 5), await more('OLD-3', 60, 50)];
  await runHealth(h.core);
  return { items, below };
}

const price = async (h: PageHarness, id: string) => (await h.call('inventory.get', { id })).listPrice;

describe('Approvals page groups', { timeout: 60_000 }, () => {
  const h = pageForEachTest({ hash: '#/approvals' });

  it('re-prices a group by its percentage and approves it as a whole', async () => {
    const { items, below } = await seed(h);
    const user = h.render();
    await waitFor(() => expect(groupCards()).toHaveLength(1), slow);
    const group = groupCards()[0]!;
    expect(within(group).getByRole('heading').textContent).toBe('Mark down 3 stale listings by 10%');
    // The members stay folded into the card; only the raise shows on its own.
    expect(proposalCards().map((c) => c.textContent)).toEqual([expect.stringMatching(/Raise the price of LOW-1/)]);

    const pct = within(group).getByLabelText('Markdown');
    await user.clear(pct);
    await user.type(pct, '20');
    await user.click(within(group).getByRole('button', { name: 'Re-price 3' }));
    await waitFor(
      () => expect(within(groupCards()[0]!).getByRole('heading').textContent).toBe('Mark down 3 stale listings by 20%'),
      slow,
    );

    await user.click(within(groupCards()[0]!).getByRole('button', { name: 'Decide item by item' }));
    const members = within(within(groupCards()[0]!).getByRole('list')).getAllByTestId(/^proposal-/);
    const diffs = members.map((m) => within(m).getByTestId('diff-listPrice').textContent).sort();
    expect(diffs).toEqual(['List price$40.00$32.00', 'List price$50.00$40.00', 'List price$60.00$58.34']);

    await user.click(within(groupCards()[0]!).getByRole('button', { name: 'Approve all 3' }));
    await waitFor(() => expect(screen.getByTestId('decision').textContent).toBe('3 applied.'), slow);
    await waitFor(() => expect(groupCards()).toHaveLength(0), slow);
    expect(await Promise.all(items.map((i) => price(h, i.id)))).toEqual([32, 40, 58.34]);
    expect(await price(h, below.id)).toBe(20);
    expect(proposalCards()).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('approvals-badge').textContent).toBe('1'), slow);
  });

  it('is decided from the keyboard: open, move through its items, reject the whole group', async () => {
    const { items, below } = await seed(h);
    const user = h.render();
    await waitFor(() => expect(groupCards()).toHaveLength(1), slow);
    const group = groupCards()[0]!;
    group.focus();
    expect(group.getAttribute('aria-current')).toBe('true');

    await user.keyboard('o');
    await waitFor(() => expect(within(groupCards()[0]!).getAllByTestId(/^proposal-/)).toHaveLength(3), slow);
    await user.keyboard('j');
    const first = within(groupCards()[0]!).getAllByTestId(/^proposal-/)[0]!;
    await waitFor(() => expect(document.activeElement).toBe(first), slow);
    await user.keyboard('k');
    await waitFor(() => expect(document.activeElement).toBe(groupCards()[0]), slow);

    // Tab reaches the card's own controls, in order (the unchanged Re-price is disabled).
    const controls = within(groupCards()[0]!);
    for (const next of [
      controls.getAllByRole('link', { name: /^run / })[0],
      controls.getByLabelText('Markdown'),
      controls.getByRole('button', { name: 'Approve all 3' }),
      controls.getByRole('button', { name: 'Reject all 3' }),
      controls.getByRole('button', { name: 'Hide the items' }),
    ]) {
      await user.tab();
      expect(document.activeElement).toBe(next);
    }
    group.focus();

    await user.keyboard('r');
    await waitFor(() => expect(screen.getByTestId('decision').textContent).toBe('3 rejected.'), slow);
    await waitFor(() => expect(groupCards()).toHaveLength(0), slow);
    expect(await Promise.all(items.map((i) => price(h, i.id)))).toEqual([40, 50, 60]);
    expect(await price(h, below.id)).toBe(20);
    // The raise, on its own, still waits.
    expect(proposalCards().map((c) => c.textContent)).toEqual([expect.stringMatching(/Raise the price of LOW-1/)]);
  });
});
