/**
 * Each item whole: a new item and the movement that gives it its quantity are written in one
 * LevelDB batch, so a crash right after the first write of an import leaves no item with stock
 * 0 (before, items went first and their movements in a second write: a kill between the two
 * left 2,000 items at 0 instead of 7).
 */
import { describe, expect, it, vi } from 'vitest';
import { bulkUpsertBySku } from '../../../src/main/core/inventory/bulk';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call } from './helpers';

describe('each item whole', { timeout: 60_000 }, () => {
  it('an import stopped after its first write leaves every new item with its quantity', async () => {
    const dir = await tempDir('flipsync-whole-');
    let core = await startCore(dir.path);
    try {
      const rows = Array.from({ length: 300 }, (_, i) => ({
        fields: { sku: `W-${i}`, title: `Item ${i}` },
        quantity: 7,
      }));
      // The process "dies" after the first write reached the disk: every later write fails.
      const db = core.inventory.db;
      const real = db.bulkDocs.bind(db);
      let writes = 0;
      vi.spyOn(db, 'bulkDocs').mockImplementation(((docs: never, opts: never) => {
        if (++writes > 1) return Promise.reject(new Error('killed'));
        return real(docs, opts);
      }) as never);
      await bulkUpsertBySku(core.inventory, rows).catch(() => undefined);
      vi.restoreAllMocks();
      await core.close();

      core = await startCore(dir.path);
      const { items, total } = await call(core, 'inventory.list', { limit: 500 });
      expect(total).toBeGreaterThan(0);
      expect(items.filter((i) => i.quantity !== 7).map((i) => [i.sku, i.quantity])).toEqual([]);
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});
