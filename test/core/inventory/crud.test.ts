import { describe, expect, it } from 'vitest';
import type { MovementDoc } from '../../../src/main/core/inventory/docs';
import { movementRange } from '../../../src/main/core/inventory/docs';
import { coreForEachTest } from '../../support/core';
import { call, callFails } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('inventory items', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  it('creates an item with its initial quantity as a received movement, and reads it back', async () => {
    const item = await call(h.core, 'inventory.create', {
      sku: 'NK-AF1-10',
      title: 'Nike Air Force 1 size 10',
      brand: 'Nike',
      listPrice: 89.999,
      quantity: 2,
    });
    expect(item).toMatchObject({ sku: 'NK-AF1-10', brand: 'Nike', listPrice: 90, quantity: 2, status: 'draft' });
    expect(item.id).toMatch(/^item:/);
    const moves = await h.core.inventory.db.allDocs<MovementDoc>({ ...movementRange(item.id), include_docs: true });
    expect(moves.rows.map((r) => [r.doc?.kind, r.doc?.delta])).toEqual([['received', 2]]);
    expect(await call(h.core, 'inventory.get', { id: item.id })).toEqual(item);
    const page = await call(h.core, 'inventory.list', {});
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: item.id, quantity: 2, rev: item.rev });
  });

  it('updates only the fields sent, stamping only those that really changed', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'A1', title: 'Lamp', brand: 'Ikea' });
    const before = await call(h.core, 'inventory.history', { id: item.id });
    await new Promise((r) => setTimeout(r, 5));
    const updated = await call(h.core, 'inventory.update', {
      id: item.id,
      rev: item.rev,
      changes: { title: 'Desk lamp', brand: 'Ikea', status: 'listed' },
    });
    expect(updated).toMatchObject({ title: 'Desk lamp', brand: 'Ikea', status: 'listed', sku: 'A1' });
    expect(updated.listedAt).toBe(updated.updatedAt.slice(0, 10));
    const after = await call(h.core, 'inventory.history', { id: item.id });
    expect(after.fieldTimes.brand).toBe(before.fieldTimes.brand);
    expect(after.fieldTimes.title).not.toBe(before.fieldTimes.title);
    expect(after.entries.find((e) => e.type === 'edited')).toMatchObject({ fields: ['title', 'status', 'listedAt'] });
  });

  it('refuses a stale revision with a CONFLICT naming what changed, and overwrites nothing', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'B2', title: 'Camera', listPrice: 100 });
    const other = await call(h.core, 'inventory.update', { id: item.id, rev: item.rev, changes: { listPrice: 120 } });
    const error = await callFails(h.core, 'inventory.update', {
      id: item.id,
      rev: item.rev,
      changes: { listPrice: 80, title: 'Old camera' },
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('list price');
    expect(error.message).toContain('Nothing was saved');
    expect(await call(h.core, 'inventory.get', { id: item.id })).toEqual(other);
    expect((await callFails(h.core, 'inventory.delete', { id: item.id, rev: item.rev })).code).toBe('CONFLICT');
  });

  it('keeps SKUs unique without case among live items, and frees a deleted item SKU', async () => {
    const first = await call(h.core, 'inventory.create', { sku: 'SKU-1', title: 'One' });
    expect((await callFails(h.core, 'inventory.create', { sku: 'sku-1', title: 'Two' })).code).toBe('CONFLICT');
    const second = await call(h.core, 'inventory.create', { sku: 'SKU-2', title: 'Two' });
    const clash = await callFails(h.core, 'inventory.update', {
      id: second.id,
      rev: second.rev,
      changes: { sku: 'Sku-1' },
    });
    expect(clash).toMatchObject({ code: 'CONFLICT' });
    expect(clash.message).toContain('Sku-1');
    await call(h.core, 'inventory.delete', { id: first.id, rev: first.rev });
    expect((await callFails(h.core, 'inventory.get', { id: first.id })).code).toBe('NOT_FOUND');
    const again = await call(h.core, 'inventory.create', { sku: 'sku-1', title: 'One again' });
    expect(again.sku).toBe('sku-1');
  });

  it('hides archived items from the default list but finds them by status', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'C3', title: 'Old mug' });
    await call(h.core, 'inventory.create', { sku: 'C4', title: 'New mug' });
    const archived = await call(h.core, 'inventory.archive', { id: item.id, rev: item.rev });
    expect(archived.status).toBe('archived');
    expect((await call(h.core, 'inventory.list', {})).items.map((i) => i.sku)).toEqual(['C4']);
    expect((await call(h.core, 'inventory.list', { status: ['archived'] })).items.map((i) => i.sku)).toEqual(['C3']);
  });

  it('derives stock on hand from movements: received, adjusted, returned, and a quantity edit', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'D5', title: 'Plates', quantity: 3 });
    expect(
      await call(h.core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1, note: 'chipped' }),
    ).toMatchObject({
      quantity: 2,
      movement: { kind: 'adjusted', delta: -1, note: 'chipped' },
    });
    await call(h.core, 'inventory.adjustStock', { id: item.id, kind: 'returned', delta: 1 });
    const latest = await call(h.core, 'inventory.get', { id: item.id });
    expect(latest.quantity).toBe(3);
    const set = await call(h.core, 'inventory.update', { id: item.id, rev: latest.rev, changes: {}, quantity: 7 });
    expect(set.quantity).toBe(7);
    const moves = await h.core.inventory.db.allDocs<MovementDoc>({ ...movementRange(item.id), include_docs: true });
    expect(moves.rows.reduce((sum, r) => sum + (r.doc?.delta ?? 0), 0)).toBe(7);
    expect(moves.rows.map((r) => r.doc?.kind)).toEqual(['received', 'adjusted', 'returned', 'adjusted']);
    expect((await call(h.core, 'inventory.list', {})).items[0]?.quantity).toBe(7);
    expect((await callFails(h.core, 'inventory.adjustStock', { id: item.id, kind: 'received', delta: 0 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('records a sale as its own document with a sold movement, and shows it in the history', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'E6', title: 'Watch', status: 'listed', quantity: 2 });
    const sold = await call(h.core, 'inventory.recordSale', {
      id: item.id,
      price: 45,
      fees: 5.85,
      shippingCost: 4.5,
      date: '2026-11-20',
    });
    expect(sold).toMatchObject({ quantity: 1, warnings: [], sale: { quantity: 1, price: 45, fees: 5.85 } });
    expect(await h.core.inventory.db.get(sold.sale.id)).toMatchObject({ type: 'sale', itemId: item.id });
    const after = await call(h.core, 'inventory.get', { id: item.id });
    expect(after).toMatchObject({ status: 'listed', salePrice: 45, soldAt: '2026-11-20', quantity: 1 });
    const last = await call(h.core, 'inventory.recordSale', { id: item.id, price: 50 });
    expect(last.quantity).toBe(0);
    expect((await call(h.core, 'inventory.get', { id: item.id })).status).toBe('sold');
    const history = await call(h.core, 'inventory.history', { id: item.id });
    expect(history.entries.filter((e) => e.type === 'sale')).toHaveLength(2);
    expect(
      history.entries.filter((e) => e.type === 'movement').map((e) => e.type === 'movement' && e.movement.kind),
    ).toEqual(['sold', 'sold', 'received']);
  });

  it('announces local changes and low stock on the event bus', async () => {
    const changed: string[][] = [];
    const low: unknown[] = [];
    h.core.events.on('inventory.changed', (e) => e.source === 'local' && changed.push(e.ids));
    h.core.events.on('inventory.lowStock', (e) => low.push(e));
    const item = await call(h.core, 'inventory.create', { sku: 'F7', title: 'Socks', status: 'listed', quantity: 3 });
    expect(changed.at(-1)).toEqual([item.id]);
    await call(h.core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1 });
    expect(low).toEqual([]);
    await call(h.core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1 });
    expect(low).toEqual([{ id: item.id, sku: 'F7', title: 'Socks', quantity: 1, threshold: 1, oversold: false }]);
  });

  it('rejects invalid input with the field that is wrong', async () => {
    const error = await callFails(h.core, 'inventory.create', { sku: '', title: 'No SKU' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('SKU');
  });
});
