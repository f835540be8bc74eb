/**
 * Two devices sell the last unit while offline: after they sync, both sales are kept, stock
 * is −1, and the seller is warned. The second device is a real PouchDB replicating with the
 * core's inventory database.
 */
import path from 'node:path';
import PouchDB from 'pouchdb';
import { describe, expect, it } from 'vitest';
import type { SaleDoc } from '../../../src/main/core/inventory/docs';
import { movement } from '../../../src/main/core/inventory/service';
import { newSaleId } from '../../../src/main/core/inventory/docs';
import type { EventPayload } from '../../../src/shared/api';
import { coreForEachTest } from '../../support/core';
import { call, until } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('sales on two devices', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  it('keeps both sales of the last unit, shows stock −1 and warns', async () => {
    const low: EventPayload<'inventory.lowStock'>[] = [];
    h.core.events.on('inventory.lowStock', (e) => low.push(e));
    const item = await call(h.core, 'inventory.create', {
      sku: 'LAST-1',
      title: 'Le Creuset pot',
      status: 'listed',
      quantity: 1,
    });
    const other = new PouchDB(path.join(h.dir, 'device-b'), { adapter: 'leveldb' });
    try {
      await PouchDB.replicate(h.core.inventory.db, other);
      // Device B sells the unit offline: its own sale document and sold movement.
      const at = new Date().toISOString();
      const sale: SaleDoc = {
        _id: newSaleId(),
        type: 'sale',
        itemId: item.id,
        quantity: 1,
        price: 60,
        fees: 7.8,
        shippingCost: 0,
        at,
        channel: 'ebay',
      };
      await other.bulkDocs([sale, { ...movement(item.id, 'sold', -1, 'Sale on B', at), saleId: sale._id }]);

      // Device A (this h.core) sells it too, before hearing from B.
      const here = await call(h.core, 'inventory.recordSale', { id: item.id, price: 65, fees: 8.45 });
      expect(here).toMatchObject({ quantity: 0, warnings: [] });

      await PouchDB.replicate(other, h.core.inventory.db);
      await until(
        async () => (await call(h.core, 'inventory.list', { status: ['sold'] })).items[0]?.quantity === -1,
        'stock −1',
      );

      const history = await call(h.core, 'inventory.history', { id: item.id });
      expect(
        history.entries
          .filter((e) => e.type === 'sale')
          .map((e) => e.type === 'sale' && e.sale.price)
          .sort(),
      ).toEqual([60, 65]);
      expect((await call(h.core, 'inventory.get', { id: item.id })).quantity).toBe(-1);
      expect(low).toEqual([
        { id: item.id, sku: 'LAST-1', title: 'Le Creuset pot', quantity: -1, threshold: 1, oversold: true },
      ]);

      // A further sale recorded here answers with the warning itself.
      const third = await call(h.core, 'inventory.recordSale', { id: item.id, price: 10 });
      expect(third.quantity).toBe(-2);
      expect(third.warnings).toEqual([expect.objectContaining({ code: 'OVERSOLD', quantity: -2 })]);
      expect(third.warnings[0]?.message).toContain('LAST-1');
    } finally {
      await other.close();
    }
  });
});
