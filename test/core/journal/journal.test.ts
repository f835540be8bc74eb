/**
 * The journal in one process: a bulk edit retried with the same operation id changes
 * nothing more; a core closed in the middle of one finishes it at the next start and
 * leaves the seller a notice until dismissed.
 */
import { describe, expect, it } from 'vitest';
import { bulkUpsertBySku, writeChunk } from '../../../src/main/core/inventory/bulk';
import { startCore, coreForEachTest } from '../../support/core';
import { call } from '../inventory-io/helpers';
import { readInventory } from './kill-support';

describe('journal', () => {
  const h = coreForEachTest();

  async function seed(n: number) {
    const rows = Array.from({ length: n }, (_, i) => ({ fields: { sku: `J-${i}`, title: `J ${i}`, listPrice: 10 } }));
    return (await bulkUpsertBySku(h.core.inventory, rows)).created;
  }

  it('applies a retried bulk edit once: the same operation id answers the first result', async () => {
    const ids = await seed(30);
    const input = { ids, change: { price: { byPercent: 10 } }, operationId: 'retry-me' };
    const first = await call(h.core, 'inventory.bulkEdit', input);
    expect(first).toEqual({ matched: 30, changed: 30, failed: 0 });
    const seq = (await h.core.inventory.db.info()).update_seq;
    expect(await call(h.core, 'inventory.bulkEdit', input)).toEqual(first);
    expect((await h.core.inventory.db.info()).update_seq).toBe(seq);
    const { items } = await readInventory(h.core.inventory.db);
    expect(new Set(items.map((i) => i.listPrice))).toEqual(new Set([11]));
    // A new edit (another id) is a new +10%.
    await call(h.core, 'inventory.bulkEdit', { ...input, operationId: 'second' });
    expect(new Set((await readInventory(h.core.inventory.db)).items.map((i) => i.listPrice))).toEqual(new Set([12.1]));
  });

  it('finishes an edit cut short by closing at the next start, and tells the seller until dismissed', async () => {
    const ids = await seed(60);
    writeChunk.size = 10;
    try {
      let written = 0;
      const closing = new Promise<void>((resolve) =>
        h.core.events.on('inventory.changed', ({ ids: changed }) => {
          written += changed.length;
          if (written >= 20) resolve();
        }),
      );
      const edit = call(h.core, 'inventory.bulkEdit', {
        ids,
        change: { price: { byPercent: 10 } },
        operationId: 'cut',
      }).then(
        () => null,
        (error: Error) => error,
      );
      await closing;
      await h.core.close();
      expect((await edit)?.message).toMatch(/finishes when FlipSync starts again/);
    } finally {
      writeChunk.size = 2000;
    }
    h.core = await startCore(h.dir);
    await h.core.journal.whenRecovered();
    const prices = (await readInventory(h.core.inventory.db)).items.map((i) => i.listPrice);
    expect(new Set(prices)).toEqual(new Set([11]));
    const notices = await call(h.core, 'operations.notices', {});
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ outcome: 'finished', kind: 'bulkEdit' });
    expect(notices[0]!.message).toMatch(
      /bulk edit of 60 items was interrupted .* finished on restart \(60 items changed/,
    );
    await call(h.core, 'operations.dismiss', { id: notices[0]!.id });
    expect(await call(h.core, 'operations.notices', {})).toEqual([]);
  });
});
