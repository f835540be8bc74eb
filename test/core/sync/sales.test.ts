import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MovementDoc, SaleDoc } from '../../../src/main/core/inventory/docs';
import type { EventPayload } from '../../../src/shared/api';
import type { Item } from '../../../src/shared/domain/inventory';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { eventually, startDevice, type Device } from './devices';

const USER = { username: 'seller', password: 'sales-test-pw' };

describe('two devices selling the last unit offline', () => {
  let server: CouchServer;
  let a: Device;
  let b: Device;
  beforeEach(async () => {
    server = await startCouchServer({ user: USER });
    [a, b] = await Promise.all([startDevice(), startDevice()]);
    for (const d of [a, b]) await d.call('sync.configure', { url: server.url, ...USER, enabled: true });
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await server.close();
  });

  it('keeps both sales, and stock goes to -1 with an oversold warning on both devices', async () => {
    const item = await a.call<Item>('inventory.create', { sku: 'LAST-1', title: 'Last unit', quantity: 1 });
    await eventually(async () => expect((await b.call<Item>('inventory.get', { id: item.id })).quantity).toBe(1));

    const warnings: Record<string, EventPayload<'inventory.lowStock'>[]> = { a: [], b: [] };
    a.core.events.on('inventory.lowStock', (e) => warnings.a?.push(e));
    b.core.events.on('inventory.lowStock', (e) => warnings.b?.push(e));

    await server.stop();
    const saleA = await a.call<{ quantity: number }>('inventory.recordSale', { id: item.id, price: 20 });
    const saleB = await b.call<{ quantity: number }>('inventory.recordSale', {
      id: item.id,
      price: 22,
      channel: 'local',
    });
    // Offline, each device saw itself sell the last unit.
    expect([saleA.quantity, saleB.quantity]).toEqual([0, 0]);
    await server.restart();

    for (const d of [a, b]) {
      await eventually(
        async () => expect((await d.call<Item>('inventory.get', { id: item.id })).quantity).toBe(-1),
        30_000,
      );
      const docs = (await d.inventory.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown);
      const sales = docs.filter((doc): doc is SaleDoc => (doc as SaleDoc | undefined)?.type === 'sale');
      const moves = docs.filter((doc): doc is MovementDoc => (doc as MovementDoc | undefined)?.type === 'move');
      expect(sales.map((s) => s.price).sort()).toEqual([20, 22]);
      expect(moves.reduce((sum, m) => sum + m.delta, 0)).toBe(-1);
    }
    await eventually(() => {
      for (const side of ['a', 'b'] as const) {
        expect(
          warnings[side]?.some((w) => w.id === item.id && w.oversold && w.quantity === -1),
          side,
        ).toBe(true);
      }
    });
  }, 60_000);
});
