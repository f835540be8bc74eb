import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import type { MovementDoc } from '../../../src/main/core/inventory/docs';
import { movementRange } from '../../../src/main/core/inventory/docs';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, callFails } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('inventory items', { timeout: 30_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  it('creates an item with its initial quantity as a received movement, and reads it back', async () => {
    const item = await call(core, 'inventory.create', {
      sku: 'NK-AF1-10',
      title: 'Nike Air Force 1 size 10',
      brand: 'Nike',
      listPrice: 89.999,
      quantity: 2,
    });
    expect(item).toMatchObject({ sku: 'NK-AF1-10', brand: 'Nike', listPrice: 90, quantity: 2, status: 'draft' });
    expect(item.id).toMatch(/^item:/);
    const moves = await core.inventory.db.allDocs<MovementDoc>({ ...movementRange(item.id), include_docs: true });
    expect(moves.rows.map((r) => [r.doc?.kind, r.doc?.delta])).toEqual([['received', 2]]);
    expect(await call(core, 'inventory.get', { id: item.id })).toEqual(item);
    const page = await call(core, 'inventory.list', {});
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ id: item.id, quantity: 2, rev: item.rev });
  });

  it('updates only the fields sent, stamping only those that really changed', async () => {
    const item = await call(core, 'inventory.create', { sku: 'A1', title: 'Lamp', brand: 'Ikea' });
    const before = await call(core, 'inventory.history', { id: item.id });
    await new Promise((r) => setTimeout(r, 5));
    const updated = await call(core, 'inventory.update', {
      id: item.id,
      rev: item.rev,
      changes: { title: 'Desk lamp', brand: 'Ikea', status: 'listed' },
    });
    expect(updated).toMatchObject({ title: 'Desk lamp', brand: 'Ikea', status: 'listed', sku: 'A1' });
    expect(updated.listedAt).toBe(updated.updatedAt.slice(0, 10));
    const after = await call(core, 'inventory.history', { id: item.id });
    expect(after.fieldTimes.brand).toBe(before.fieldTimes.brand);
    expect(after.fieldTimes.title).not.toBe(before.fieldTimes.title);
    expect(after.entries.find((e) => e.type === 'edited')).toMatchObject({ fields: ['title', 'status', 'listedAt'] });
  });

  it('refuses a stale revision with a CONFLICT naming what changed, and overwrites nothing', async () => {
    const item = await call(core, 'inventory.create', { sku: 'B2', title: 'Camera', listPrice: 100 });
    const other = await call(core, 'inventory.update', { id: item.id, rev: item.rev, changes: { listPrice: 120 } });
    const error = await callFails(core, 'inventory.update', {
      id: item.id,
      rev: item.rev,
      changes: { listPrice: 80, title: 'Old camera' },
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('list price');
    expect(error.message).toContain('Nothing was saved');
    expect(await call(core, 'inventory.get', { id: item.id })).toEqual(other);
    expect((await callFails(core, 'inventory.delete', { id: item.id, rev: item.rev })).code).toBe('CONFLICT');
  });

  it('keeps SKUs unique without case among live items, and frees a deleted item SKU', async () => {
    const first = await call(core, 'inventory.create', { sku: 'SKU-1', title: 'One' });
    expect((await callFails(core, 'inventory.create', { sku: 'sku-1', title: 'Two' })).code).toBe('CONFLICT');
    const second = await call(core, 'inventory.create', { sku: 'SKU-2', title: 'Two' });
    const clash = await callFails(core, 'inventory.update', {
      id: second.id,
      rev: second.rev,
      changes: { sku: 'Sku-1' },
    });
    expect(clash).toMatchObject({ code: 'CONFLICT' });
    expect(clash.message).toContain('Sku-1');
    await call(core, 'inventory.delete', { id: first.id, rev: first.rev });
    expect((await callFails(core, 'inventory.get', { id: first.id })).code).toBe('NOT_FOUND');
    const again = await call(core, 'inventory.create', { sku: 'sku-1', title: 'One again' });
    expect(again.sku).toBe('sku-1');
  });

  it('hides archived items from the default list but finds them by status', async () => {
    const item = await call(core, 'inventory.create', { sku: 'C3', title: 'Old mug' });
    await call(core, 'inventory.create', { sku: 'C4', title: 'New mug' });
    const archived = await call(core, 'inventory.archive', { id: item.id, rev: item.rev });
    expect(archived.status).toBe('archived');
    expect((await call(core, 'inventory.list', {})).items.map((i) => i.sku)).toEqual(['C4']);
    expect((await call(core, 'inventory.list', { status: ['archived'] })).items.map((i) => i.sku)).toEqual(['C3']);
  });

  it('derives stock on hand from movements: received, adjusted, returned, and a quantity edit', async () => {
    const item = await call(core, 'inventory.create', { sku: 'D5', title: 'Plates', quantity: 3 });
    expect(
      await call(core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1, note: 'chipped' }),
    ).toMatchObject({
      quantity: 2,
      movement: { kind: 'adjusted', delta: -1, note: 'chipped' },
    });
    await call(core, 'inventory.adjustStock', { id: item.id, kind: 'returned', delta: 1 });
    const latest = await call(core, 'inventory.get', { id: item.id });
    expect(latest.quantity).toBe(3);
    const set = await call(core, 'inventory.update', { id: item.id, rev: latest.rev, changes: {}, quantity: 7 });
    expect(set.quantity).toBe(7);
    const moves = await core.inventory.db.allDocs<MovementDoc>({ ...movementRange(item.id), include_docs: true });
    expect(moves.rows.reduce((sum, r) => sum + (r.doc?.delta ?? 0), 0)).toBe(7);
    expect(moves.rows.map((r) => r.doc?.kind)).toEqual(['received', 'adjusted', 'returned', 'adjusted']);
    expect((await call(core, 'inventory.list', {})).items[0]?.quantity).toBe(7);
    expect((await callFails(core, 'inventory.adjustStock', { id: item.id, kind: 'received', delta: 0 })).code).toBe(
      'INVALID_INPUT',
    );
  });

  it('records a sale as its own document with a sold movement, and shows it in the history', async () => {
    const item = await call(core, 'inventory.create', { sku: 'E6', title: 'Watch', status: 'listed', quantity: 2 });
    const sold = await call(core, 'inventory.recordSale', {
      id: item.id,
      price: 45,
      fees: 5.85,
      shippingCost: 4.5,
      date: '2026-11-20',
    });
    expect(sold).toMatchObject({ quantity: 1, warnings: [], sale: { quantity: 1, price: 45, fees: 5.85 } });
    expect(await core.inventory.db.get(sold.sale.id)).toMatchObject({ type: 'sale', itemId: item.id });
    const after = await call(core, 'inventory.get', { id: item.id });
    expect(after).toMatchObject({ status: 'listed', salePrice: 45, soldAt: '2026-11-20', quantity: 1 });
    const last = await call(core, 'inventory.recordSale', { id: item.id, price: 50 });
    expect(last.quantity).toBe(0);
    expect((await call(core, 'inventory.get', { id: item.id })).status).toBe('sold');
    const history = await call(core, 'inventory.history', { id: item.id });
    expect(history.entries.filter((e) => e.type === 'sale')).toHaveLength(2);
    expect(
      history.entries.filter((e) => e.type === 'movement').map((e) => e.type === 'movement' && e.movement.kind),
    ).toEqual(['sold', 'sold', 'received']);
  });

  it('announces local changes and low stock on the event bus', async () => {
    const changed: string[][] = [];
    const low: unknown[] = [];
    core.events.on('inventory.changed', (e) => e.source === 'local' && changed.push(e.ids));
    core.events.on('inventory.lowStock', (e) => low.push(e));
    const item = await call(core, 'inventory.create', { sku: 'F7', title: 'Socks', status: 'listed', quantity: 3 });
    expect(changed.at(-1)).toEqual([item.id]);
    await call(core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1 });
    expect(low).toEqual([]);
    await call(core, 'inventory.adjustStock', { id: item.id, kind: 'adjusted', delta: -1 });
    expect(low).toEqual([{ id: item.id, sku: 'F7', title: 'Socks', quantity: 1, threshold: 1, oversold: false }]);
  });

  it('rejects invalid input with the field that is wrong', async () => {
    const error = await callFails(core, 'inventory.create', { sku: '', title: 'No SKU' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('SKU');
  });
});
