import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import PouchDB from 'pouchdb';
import { describe, expect, it } from 'vitest';
import type { ItemDoc } from '../../src/main/core/inventory/docs';
import { seed, inventoryForEachTest, type Harness } from './support/inventory';

/**
 * A sync conflict as replication leaves it: two sibling revisions of one item (here written
 * straight into the same LevelDB store with new_edits:false, as a replicator would). Core's
 * resolver merges them field by field and keeps the losing value for the seller.
 */
async function conflictOnPrice(h: Harness, id: string, theirs: { listPrice: number; at: string }) {
  const db = new PouchDB(path.join(h.core.platform.dataDir, 'db', 'inventory'), { adapter: 'leveldb' } as object);
  const mine = await db.get<ItemDoc>(id, { revs: true });
  const [gen, hash] = mine._rev.split('-') as [string, string];
  const parent = (mine as unknown as { _revisions: { ids: string[] } })._revisions.ids[1]!;
  const sibling = {
    ...mine,
    _rev: `${gen}-${'f'.repeat(32)}`,
    _revisions: { start: Number(gen), ids: ['f'.repeat(32), parent] },
    fields: { ...mine.fields, listPrice: theirs.listPrice },
    fieldTimes: { ...mine.fieldTimes, listPrice: theirs.at },
    updatedAt: theirs.at,
  };
  expect(hash).not.toBe('f'.repeat(32));
  await db.bulkDocs([sibling], { new_edits: false });
}

describe('Sync conflicts in the item editor', () => {
  const h = inventoryForEachTest();

  it('shows the kept losing value and uses it when the seller picks it', async () => {
    const [created] = await seed(h, 1);
    const edited = await h.call('inventory.update', {
      id: created!.id,
      rev: created!.rev,
      changes: { listPrice: 45 },
    });
    // The other device changed the price later: its value wins, ours (45) is kept.
    await conflictOnPrice(h, edited.id, { listPrice: 49.5, at: new Date(Date.now() + 60_000).toISOString() });
    await waitFor(async () => expect((await h.call('inventory.get', { id: edited.id })).conflicts).toHaveLength(1));

    const user = h.render();
    expect((await screen.findByText('1 conflict')).getAttribute('title')).toMatch(/sync conflict/);
    await user.click(screen.getByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const conflict = await within(editor).findByTestId('conflict');
    expect(conflict.textContent).toMatch(/List price: now 49\.5; kept.*45/);

    await user.click(within(conflict).getByRole('button', { name: 'Use 45' }));
    await waitFor(async () => {
      const item = await h.call('inventory.get', { id: edited.id });
      expect(item.listPrice).toBe(45);
      expect(item.conflicts).toEqual([]);
    });
    await waitFor(() => expect(within(editor).queryByTestId('conflict')).toBeNull());
    expect(within(editor).getByLabelText('List price')).toHaveProperty('value', '45');
  });
});
