/**
 * Interrupted work, told: a bulk edit a crash left half done is finished at the next start
 * (the same `resumeOperations` core runs when it starts), and the window says so above every
 * page until the seller dismisses it.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { resumeOperations } from '../../src/main/core/journal/resume';
import { pageForEachTest } from './support/page';

describe('notices of work finished after a restart', () => {
  const h = pageForEachTest({ hash: '#/inventory' });

  it('says what a restart finished, with its counts, until dismissed', async () => {
    const items = await Promise.all(
      [10, 20, 30].map((price, i) =>
        h.call('inventory.create', { sku: `N-${i}`, title: `Notice ${i}`, listPrice: price }),
      ),
    );
    // What a kill leaves: the intent recorded, nothing applied yet.
    const journal = h.core.inventory.journal!;
    const id = ulid();
    const planned = items.map((item) => ({
      id: item.id,
      before: { listPrice: item.listPrice },
      after: { listPrice: item.listPrice! * 2 },
    }));
    await journal.begin(id, 'bulkEdit', 'Bulk edit of 3 items: list price +100%', { matched: 3, failed: 0 }, [planned]);

    const user = h.render();
    await waitFor(() => expect(screen.getByTestId('connection-state').textContent).toMatch(/Connected/));
    expect(screen.queryByRole('list', { name: 'Interrupted work' })).toBeNull();

    await resumeOperations(journal, h.core.inventory, h.core.events);
    const notices = await screen.findByRole('list', { name: 'Interrupted work' });
    await waitFor(() =>
      expect(notices.textContent).toMatch(
        /finished it when it started again: Bulk edit of 3 items: list price \+100% \(3 of 3 items changed\)/,
      ),
    );
    for (const item of items)
      expect((await h.call('inventory.get', { id: item.id })).listPrice).toBe(item.listPrice! * 2);

    await user.click(within(notices).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Interrupted work' })).toBeNull());
    expect(await h.call('operations.notices', {})).toEqual([]);
  });

  it('undoes the finished edit when the seller chooses, keeping an item changed since', async () => {
    const items = await Promise.all(
      [10, 20, 30].map((price, i) =>
        h.call('inventory.create', { sku: `U-${i}`, title: `Undo ${i}`, listPrice: price }),
      ),
    );
    const journal = h.core.inventory.journal!;
    const id = ulid();
    const planned = items.map((item) => ({
      id: item.id,
      before: { listPrice: item.listPrice, tags: [] },
      after: { listPrice: item.listPrice! + 5, tags: ['sale'] },
    }));
    await journal.begin(id, 'bulkEdit', 'Bulk edit of 3 items: list price +5', { matched: 3, failed: 0 }, [planned]);
    await resumeOperations(journal, h.core.inventory, h.core.events);
    // The seller re-priced one item after the restart finished the edit.
    const third = await h.call('inventory.get', { id: items[2]!.id });
    await h.call('inventory.update', { id: third.id, rev: third.rev, changes: { listPrice: 99 } });

    const user = h.render();
    const notices = await screen.findByRole('list', { name: 'Interrupted work' });
    await user.click(await within(notices).findByRole('button', { name: 'Undo this edit' }));
    const undone = await screen.findByTestId('operation-undone');
    expect(undone.textContent).toMatch(
      /Undone: 2 items back to their earlier values; 1 changed since the edit and kept as they are\./,
    );
    const after = await Promise.all(items.map((item) => h.call('inventory.get', { id: item.id })));
    expect(after.map((i) => [i.listPrice, i.tags])).toEqual([
      [10, []],
      [20, []],
      [99, ['sale']],
    ]);
    expect(within(notices).queryByRole('button', { name: 'Undo this edit' })).toBeNull();
    expect(await h.call('operations.notices', {})).toEqual([]);
    await user.click(within(undone).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Interrupted work' })).toBeNull());
  });
});
