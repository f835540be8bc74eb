import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ItemDoc } from '../../../src/main/core/inventory/docs';
import type { ConflictedItem } from '../../../src/shared/api';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { editItem, eventually, newItemDoc, startDevice, type Device } from './devices';

const USER = { username: 'seller', password: 'conflict-test-pw' };
const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';
const T2 = '2026-11-02T11:00:00.000Z';

describe('two replicas editing one item offline', () => {
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

  const settled = (d: Device) =>
    eventually(async () => expect(await d.status()).toMatchObject({ state: 'active', upToDate: true, pending: 0 }));

  it('converges field by field, keeps the losing value and lets the seller pick it', async () => {
    const item = newItemDoc({ sku: 'LEGO-1', title: 'Lego set', listPrice: 40, location: 'A1' }, T0);
    await a.inventory.put(item);
    await eventually(async () => expect((await b.inventory.get<ItemDoc>(item._id)).fields.sku).toBe('LEGO-1'));

    const counts: number[] = [];
    b.core.events.on('conflicts.changed', (e) => counts.push(e.count));
    // Offline: the server goes away, both devices edit.
    await server.stop();
    const aEdit = await editItem(a.inventory, item._id, { listPrice: 45, location: 'Shelf B' }, T1);
    const bEdit = await editItem(b.inventory, item._id, { listPrice: 49.5, title: 'Lego set 10283' }, T2);
    await eventually(async () => expect((await a.status()).pending).toBeGreaterThan(0));
    await server.restart();

    const final = await eventually(async () => {
      const [da, db] = await Promise.all([a, b].map((d) => d.inventory.get<ItemDoc>(item._id, { conflicts: true })));
      expect(da?._conflicts ?? []).toEqual([]);
      expect(db?._conflicts ?? []).toEqual([]);
      expect(da?._rev).toBe(db?._rev);
      expect(da?.conflicts.length).toBe(1);
      return da as ItemDoc;
    }, 30_000);

    // Newest per field: B's price and title, A's location; A's older price kept, not lost.
    expect(final.fields).toMatchObject({
      sku: 'LEGO-1',
      title: 'Lego set 10283',
      listPrice: 49.5,
      location: 'Shelf B',
    });
    expect(final.fieldTimes).toMatchObject({ listPrice: T2, title: T2, location: T1, sku: T0 });
    expect(final.conflicts).toEqual([{ field: 'listPrice', value: 45, changedAt: T1, rev: aEdit.rev }]);
    expect(bEdit.rev).not.toBe(aEdit.rev);

    // Both devices list it, the same way.
    const [listA, listB] = await Promise.all([a, b].map((d) => d.call<ConflictedItem[]>('conflicts.list')));
    expect(listA).toEqual(listB);
    expect(listA).toMatchObject([{ itemId: item._id, sku: 'LEGO-1', current: { listPrice: 49.5 } }]);

    // The seller on B picks A's price: it becomes current and reaches A.
    const picked = await b.call<ConflictedItem>('conflicts.pick', {
      itemId: item._id,
      field: 'listPrice',
      rev: aEdit.rev,
    });
    expect(picked.conflicts).toEqual([]);
    await eventually(async () => {
      const doc = await a.inventory.get<ItemDoc>(item._id);
      expect(doc.fields.listPrice).toBe(45);
      expect(doc.conflicts).toEqual([]);
    });
    expect(await a.call('conflicts.list')).toEqual([]);
    // B's Conflicts badge went to one and back to none.
    expect(counts).toContain(1);
    expect(counts.at(-1)).toBe(0);
    await Promise.all([settled(a), settled(b)]);
  }, 60_000);

  it('dismisses a kept value without touching the current one', async () => {
    const item = newItemDoc({ sku: 'CAM-2', title: 'Camera', notes: '' }, T0);
    await a.inventory.put(item);
    await eventually(async () => expect((await b.inventory.get<ItemDoc>(item._id)).fields.sku).toBe('CAM-2'));
    await server.stop();
    const aEdit = await editItem(a.inventory, item._id, { notes: 'lens scratched' }, T2);
    await editItem(b.inventory, item._id, { notes: 'mint' }, T1);
    await server.restart();

    const [listed] = await eventually(async () => {
      const list = await b.call<ConflictedItem[]>('conflicts.list');
      expect(list).toHaveLength(1);
      return list;
    }, 30_000);
    expect(listed?.current).toEqual({ notes: 'lens scratched' });
    const kept = listed?.conflicts[0];
    expect(kept).toMatchObject({ field: 'notes', value: 'mint', changedAt: T1 });
    expect(kept?.rev).not.toBe(aEdit.rev);

    const missing = await b.core.dispatch(
      'conflicts.dismiss',
      { itemId: item._id, field: 'notes', rev: '9-nope' },
      { transport: 'in-process' },
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    await b.call('conflicts.dismiss', { itemId: item._id, field: 'notes', rev: kept?.rev });
    await eventually(async () => {
      const doc = await a.inventory.get<ItemDoc>(item._id);
      expect(doc.fields.notes).toBe('lens scratched');
      expect(doc.conflicts).toEqual([]);
    });
  }, 60_000);
});
