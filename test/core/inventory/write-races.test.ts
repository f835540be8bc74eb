/**
 * An edit arriving by sync between a route's read of an item and its write. PouchDB then
 * refuses the item write (409); what was already saved must not be reported as unsaved,
 * and what was not saved must leave no stock change behind. The edit is written through
 * the core's own database handle, as pull replication writes it.
 */
import { describe, expect, it } from 'vitest';
import type { ItemDoc } from '../../../src/main/core/inventory/docs';
import { coreForEachTest } from '../../support/core';
import { call, callFails } from './helpers';

describe('writes racing a synced edit', () => {
  const h = coreForEachTest();

  /** The next stock read (every route here makes one after reading the item) lets a synced price edit land. */
  function syncedEditDuringNextWrite(id: string, listPrice: number): void {
    const service = h.core.inventory;
    const read = service.stockFromMovements.bind(service);
    service.stockFromMovements = async (itemId: string) => {
      service.stockFromMovements = read;
      const doc = await service.db.get<ItemDoc>(id);
      const at = new Date().toISOString();
      await service.db.put({
        ...doc,
        fields: { ...doc.fields, listPrice },
        fieldTimes: { ...doc.fieldTimes, listPrice: at },
      });
      return read(itemId);
    };
  }

  it('records a sale once, keeping the synced edit, instead of asking for a retry that would sell twice', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'LENS-1', title: '50mm lens', quantity: 3, cost: 20 });
    syncedEditDuringNextWrite(item.id, 60);
    const sold = await call(h.core, 'inventory.recordSale', { id: item.id, quantity: 1, price: 55 });
    expect(sold.quantity).toBe(2);
    const after = await call(h.core, 'inventory.get', { id: item.id });
    expect(after).toMatchObject({ quantity: 2, listPrice: 60, salePrice: 55 });
    const history = await call(h.core, 'inventory.history', { id: item.id });
    expect(history.entries.filter((e) => e.type === 'sale')).toHaveLength(1);
    expect((await call(h.core, 'analytics.dashboard', {})).sales).toMatchObject({ orders: 1, revenue: 55 });
  });

  it('marks the item sold on the newer version when the last unit sells', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'LAMP-1', title: 'Desk lamp', quantity: 1 });
    syncedEditDuringNextWrite(item.id, 30);
    await call(h.core, 'inventory.recordSale', { id: item.id, quantity: 1, price: 28 });
    expect(await call(h.core, 'inventory.get', { id: item.id })).toMatchObject({
      status: 'sold',
      quantity: 0,
      listPrice: 30,
    });
  });

  it('refuses an edit with a quantity as stale and leaves the stock as it was', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'BOWL-1', title: 'Pyrex bowl', quantity: 3 });
    syncedEditDuringNextWrite(item.id, 12);
    const error = await callFails(h.core, 'inventory.update', {
      id: item.id,
      rev: item.rev,
      changes: { title: 'Pyrex mixing bowl' },
      quantity: 5,
    });
    expect(error.code).toBe('CONFLICT');
    expect(await call(h.core, 'inventory.get', { id: item.id })).toMatchObject({
      title: 'Pyrex bowl',
      quantity: 3,
      listPrice: 12,
    });
    const history = await call(h.core, 'inventory.history', { id: item.id });
    expect(history.entries.filter((e) => e.type === 'movement')).toHaveLength(1);
  });
});
