import { describe, expect, it } from 'vitest';
import { coreForEachTest } from '../../support/core';
import { call } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('databases', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  it('opens the inventory, chat and agents databases on LevelDB and reports them live in app.info', async () => {
    const before = await call(h.core, 'app.info', {});
    const names = before.databases.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['local', 'inventory', 'chat', 'agents']));
    for (const db of before.databases.filter((d) => ['inventory', 'chat', 'agents'].includes(d.name))) {
      expect(db).toMatchObject({ ok: true, adapter: 'leveldb' });
    }
    const inventoryBefore = before.databases.find((d) => d.name === 'inventory')!.docCount;
    await call(h.core, 'inventory.create', { sku: 'DB-1', title: 'Counted', quantity: 1 });
    const after = await call(h.core, 'app.info', {});
    // The item and its received movement: two documents.
    expect(after.databases.find((d) => d.name === 'inventory')?.docCount).toBe(inventoryBefore + 2);
  });
});
