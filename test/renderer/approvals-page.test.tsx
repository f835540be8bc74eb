import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { runHealth, seedProblems } from './support/agents-seed';
import { propose } from '../support/propose';
import { pageForEachTest } from './support/page';

/** The core computes and the machine may be busy: allow more than waitFor's default second. */
const slow = { timeout: 10_000 };
const cards = () => screen.queryAllByTestId(/^proposal-proposal:/);
const card = (text: RegExp) => cards().find((c) => text.test(c.textContent ?? ''))!;

describe('Approvals page', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/approvals' });

  it('says honestly that nothing is waiting, and what would appear', async () => {
    h.render();
    const empty = await screen.findByTestId('approvals-empty', {}, slow);
    expect(empty.textContent).toMatch(/Nothing waiting for you/);
    expect(empty.textContent).toMatch(/Nothing changes until you approve it/);
    expect(screen.getByText(/Nothing decided yet/)).toBeTruthy();
    expect(screen.queryByTestId('approvals-badge')).toBeNull();
  });

  it('shows each proposal with its diff and decides them from the keyboard', async () => {
    const { stale, below } = await seedProblems(h.core);
    await runHealth(h.core);
    const user = h.render();
    await waitFor(() => expect(cards()).toHaveLength(2), slow);
    expect(screen.getByTestId('approvals-badge').textContent).toBe('2');

    const markdown = card(/Mark OLD-1 down/);
    expect(within(markdown).getByTestId('diff-listPrice').textContent).toBe('List price$40.00$36.00');
    expect(markdown.textContent).toMatch(/Why: Listed since .* without selling/);
    expect(within(markdown).getByTestId('confidence').textContent).toMatch(/Confidence 60%/);
    await waitFor(() => expect(card(/OLD-1/).textContent).toMatch(/by Inventory health in run/), slow);
    const raise = card(/Raise the price of LOW-1/);
    expect(within(raise).getByTestId('confidence').textContent).toMatch(/Confidence 90%/);

    // Focus the first card, move down with j, approve the one in focus with a.
    cards()[0]!.focus();
    expect(cards()[0]!.getAttribute('aria-current')).toBe('true');
    await user.keyboard('j');
    const second = cards()[1]!;
    expect(second.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(second);
    const secondIsMarkdown = /OLD-1/.test(second.textContent ?? '');
    await user.keyboard('a');
    await waitFor(() => expect(cards()).toHaveLength(1), slow);
    expect(screen.getByTestId('decision').textContent).toMatch(/1 applied/);
    expect(screen.getByTestId('approvals-badge').textContent).toBe('1');
    const approvedItem = secondIsMarkdown ? stale : below;
    const changed = await h.call('inventory.get', { id: approvedItem.id });
    expect(changed.listPrice).toBe(secondIsMarkdown ? 36 : expect.any(Number));
    expect(changed.listPrice).not.toBe(approvedItem.listPrice);

    // The focus moved to the one left; r rejects it and the item stays as it was.
    await waitFor(() => expect(document.activeElement).toBe(cards()[0]), slow);
    await user.keyboard('r');
    await waitFor(() => expect(screen.getByTestId('approvals-empty')).toBeTruthy(), slow);
    const rejectedItem = secondIsMarkdown ? below : stale;
    expect((await h.call('inventory.get', { id: rejectedItem.id })).listPrice).toBe(rejectedItem.listPrice);
    expect(screen.queryByTestId('approvals-badge')).toBeNull();

    const decided = screen.getAllByTestId(/^resolved-/).map((li) => li.textContent);
    expect(decided).toHaveLength(2);
    expect(decided.some((t) => /^Applied/.test(t!) && /Applied: list price set to/.test(t!))).toBe(true);
    expect(decided.some((t) => /^Rejected/.test(t!) && /decided by you/.test(t!))).toBe(true);
  });

  it('approves a selection and reports the one whose item changed meanwhile', async () => {
    const { stale, below } = await seedProblems(h.core);
    await runHealth(h.core);
    // The seller edits the stale item after the scan: its markdown must not overwrite that.
    await h.call('inventory.update', { id: stale.id, rev: stale.rev, changes: { listPrice: 38 } });
    const user = h.render();
    await waitFor(() => expect(cards()).toHaveLength(2), slow);
    await user.click(screen.getByLabelText(/Select all 2/));
    await user.click(screen.getByRole('button', { name: 'Approve selected (2)' }));
    await waitFor(() => expect(screen.getByTestId('decision').textContent).toMatch(/1 applied, 1 failed/), slow);
    expect(screen.getByTestId('decision').textContent).toMatch(/changed after this proposal was made/);
    expect((await h.call('inventory.get', { id: stale.id })).listPrice).toBe(38);
    expect((await h.call('inventory.get', { id: below.id })).listPrice).toBeGreaterThan(20);
    expect(screen.getByTestId('approvals-empty')).toBeTruthy();
    const failed = screen.getAllByTestId(/^resolved-/).find((li) => /^Failed/.test(li.textContent ?? ''))!;
    expect(failed.textContent).toMatch(/list price is now \$38\.00/);
  });

  it('shows proposals an agent makes while the page is open, without a reload', async () => {
    await seedProblems(h.core);
    h.render();
    await screen.findByTestId('approvals-empty', {}, slow);
    await runHealth(h.core);
    await waitFor(() => expect(cards()).toHaveLength(2), slow);
    await waitFor(() => expect(screen.getByTestId('approvals-badge').textContent).toBe('2'), slow);
    expect(screen.queryByTestId('approvals-empty')).toBeNull();
  });

  it('narrows to one agent or kind, says when nothing matches, and shows all again', async () => {
    await seedProblems(h.core);
    await runHealth(h.core);
    const item = await h.core.inventory.create({ sku: 'P-1', title: 'Teapot', quantity: 1, listPrice: 10 });
    for (const n of [1, 2, 3]) await propose(h.core, item, { summary: `Price teapot ${n}` });
    const user = h.render();
    await waitFor(() => expect(cards()).toHaveLength(5), slow);
    const agent = screen.getByRole('combobox', { name: 'Agent' });
    // Agents' names arrive with the agents list.
    await waitFor(
      () =>
        expect([...agent.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
          'All agents (5)',
          'Inventory health (2)',
          'Pricing (3)',
        ]),
      slow,
    );
    await user.selectOptions(agent, 'health');
    await waitFor(() => expect(cards()).toHaveLength(2), slow);
    expect(cards().every((c) => /by Inventory health/.test(c.textContent ?? ''))).toBe(true);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'markdown');
    await waitFor(() => expect(cards()).toHaveLength(1), slow);
    expect(cards()[0]!.textContent).toMatch(/Mark OLD-1 down/);

    // Decided, the filter shows nothing; the rest still wait and one click shows them.
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    const none = await screen.findByTestId('approvals-filtered-empty', {}, slow);
    expect(none.textContent).toMatch(/Nothing waiting matches these filters; 4 waiting in all/);
    expect(screen.queryByTestId('approvals-empty')).toBeNull();
    await user.click(within(none).getByRole('button', { name: 'Show all' }));
    await waitFor(() => expect(cards()).toHaveLength(4), slow);
  });
});
