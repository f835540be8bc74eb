import { describe, expect, it } from 'vitest';
import { bulkUpsertBySku } from '../../../src/main/core/inventory/bulk';
import { coreForEachTest } from '../../support/core';
import { call, callFails } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('inventory bulk writes', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  const seed = () =>
    bulkUpsertBySku(h.core.inventory, [
      { fields: { sku: 'A', title: 'Jacket', listPrice: 100, location: 'Bin 1', tags: ['winter'] }, quantity: 1 },
      { fields: { sku: 'B', title: 'Boots', listPrice: 50, location: 'Bin 1', tags: [] }, quantity: 2 },
      { fields: { sku: 'C', title: 'Scarf', listPrice: null, location: 'Bin 2', tags: ['Winter'] } },
    ]);

  it('upserts by SKU: creates new ones, updates existing ones, and a second run changes nothing', async () => {
    const first = await seed();
    expect(first).toMatchObject({ updated: [], unchanged: [], failed: [] });
    expect(first.created).toHaveLength(3);
    const again = await seed();
    expect(again).toMatchObject({ created: [], updated: [], failed: [] });
    expect(again.unchanged).toHaveLength(3);
    expect((await call(h.core, 'inventory.list', {})).total).toBe(3);

    const mixed = await bulkUpsertBySku(h.core.inventory, [
      { fields: { sku: 'a', title: 'Ski jacket' }, quantity: 4 },
      { fields: { sku: 'D', title: '' } },
      { fields: { sku: 'E', title: 'Gloves' } },
      { fields: { sku: 'e', title: 'Gloves again' } },
    ]);
    expect(mixed.updated).toHaveLength(1);
    expect(mixed.created).toHaveLength(1);
    expect(mixed.failed.map((f) => [f.index, f.sku])).toEqual([
      [1, 'D'],
      [3, 'e'],
    ]);
    expect(mixed.failed[0]?.message).toContain('title');
    const jacket = (await call(h.core, 'inventory.list', { q: 'jacket' })).items[0];
    expect(jacket).toMatchObject({ sku: 'a', title: 'Ski jacket', quantity: 4 });
  });

  it('lists one import newest first in the order of its rows, though all were made in the same instant', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ fields: { sku: `R-${i}`, title: `Row ${i}` } }));
    await bulkUpsertBySku(h.core.inventory, rows);
    const listed = await call(h.core, 'inventory.list', { sort: 'createdAt', dir: 'desc', limit: 300 });
    expect(new Set(listed.items.map((i) => i.createdAt)).size).toBe(1); // one timestamp: ids decide
    expect(listed.items.map((i) => i.sku)).toEqual(rows.map((r) => r.fields.sku).reverse());
  });

  it('changes prices by percent and amount, status, location and tags, and counts what changed', async () => {
    const { created } = await seed();
    const pct = await call(h.core, 'inventory.bulkEdit', { ids: created, change: { price: { byPercent: -10 } } });
    // The scarf has no price to reduce, so it is matched but not changed.
    expect(pct).toEqual({ matched: 3, changed: 2, failed: 0 });
    const amount = await call(h.core, 'inventory.bulkEdit', {
      filter: { location: ['bin 1'] },
      change: { price: { byAmount: 5.5 } },
    });
    expect(amount).toEqual({ matched: 2, changed: 2, failed: 0 });
    const prices = (await call(h.core, 'inventory.list', { sort: 'sku', dir: 'asc' })).items.map((i) => i.listPrice);
    expect(prices).toEqual([95.5, 50.5, null]);

    const tags = await call(h.core, 'inventory.bulkEdit', {
      filter: { q: 'scarf jacket boots' },
      change: { addTags: ['sale'], removeTags: ['WINTER'] },
    });
    expect(tags.matched).toBe(0);
    const all = await call(h.core, 'inventory.bulkEdit', {
      filter: {},
      change: { addTags: ['sale'], removeTags: ['WINTER'], status: 'listed', location: 'Shelf 9' },
    });
    expect(all).toEqual({ matched: 3, changed: 3, failed: 0 });
    const items = (await call(h.core, 'inventory.list', { sort: 'sku', dir: 'asc' })).items;
    expect(items.map((i) => [i.tags, i.status, i.location])).toEqual([
      [['sale'], 'listed', 'Shelf 9'],
      [['sale'], 'listed', 'Shelf 9'],
      [['sale'], 'listed', 'Shelf 9'],
    ]);
    const again = await call(h.core, 'inventory.bulkEdit', { filter: {}, change: { status: 'listed' } });
    expect(again).toEqual({ matched: 3, changed: 0, failed: 0 });
    expect((await callFails(h.core, 'inventory.bulkEdit', { filter: {}, change: {} })).code).toBe('INVALID_INPUT');
  });

  it('offers facets with counts for the filter pickers', async () => {
    await seed();
    const facets = await call(h.core, 'inventory.facets', {});
    expect(facets.location).toEqual([
      { value: 'Bin 1', count: 2 },
      { value: 'Bin 2', count: 1 },
    ]);
    expect(facets.tag).toEqual([
      { value: 'Winter', count: 1 },
      { value: 'winter', count: 1 },
    ]);
  });
});
