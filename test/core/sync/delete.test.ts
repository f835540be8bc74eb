/**
 * One device deletes an item while another edits or sells it, offline. PouchDB keeps the
 * live revision (a delete never wins over an edit), so after sync both devices must list
 * the item; the deleting one once hid it behind its own tombstone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../src/shared/domain/inventory';
import { eventually, startDevice, type Device } from './devices';

const ALL = ['draft', 'ready', 'listed', 'sold', 'archived'];

describe('a delete on one device and an edit on another', () => {
  let a: Device;
  let b: Device;
  beforeEach(async () => {
    a = await startDevice();
    b = await startDevice();
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  const sync = async () => {
    await a.inventory.replicate.to(b.inventory);
    await b.inventory.replicate.to(a.inventory);
  };
  const skus = async (d: Device) =>
    (await d.call<{ items: Item[] }>('inventory.list', { status: ALL })).items.map((i) => i.sku);

  it('keeps the sold item listed on the device that deleted it, and its SKU taken', async () => {
    const item = await a.call<Item>('inventory.create', { sku: 'CAM-1', title: 'Canon AE-1', quantity: 2 });
    await sync();
    await eventually(async () => expect(await skus(b)).toEqual(['CAM-1']));

    await a.call('inventory.delete', { id: item.id, rev: item.rev });
    await b.call('inventory.recordSale', { id: item.id, quantity: 1, price: 110 });
    await sync();

    await eventually(async () => expect(await skus(a)).toEqual(['CAM-1']));
    expect(await skus(b)).toEqual(['CAM-1']);
    expect(await a.call<Item>('inventory.get', { id: item.id })).toMatchObject({ quantity: 1, salePrice: 110 });
    await expect(a.call('inventory.create', { sku: 'CAM-1', title: 'Another' })).rejects.toThrow(/CAM-1/);

    // A delete made after seeing the sale still deletes, everywhere.
    const current = await a.call<Item>('inventory.get', { id: item.id });
    await a.call('inventory.delete', { id: item.id, rev: current.rev });
    await sync();
    await eventually(async () => expect(await skus(b)).toEqual([]));
    expect(await skus(a)).toEqual([]);
  });
});
