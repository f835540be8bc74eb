/**
 * Test devices: each is a real core on its own LevelDB data folder, as the app runs it.
 * The inventory is also opened directly (the same LevelDB store, shared in-process by
 * PouchDB) to write documents in exactly the shape inventory core writes them.
 */
import path from 'node:path';
import PouchDB from 'pouchdb';
import { ulid } from 'ulid';
import type { Core, CoreOptions } from '../../../src/main/core/core';
import type { ItemDoc, MovementDoc, SaleDoc } from '../../../src/main/core/inventory/docs';
import type { SyncStatus } from '../../../src/shared/api';
import { EMPTY_ITEM, type ItemFields } from '../../../src/shared/domain/inventory';
import { inProcess, startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';

export interface Device {
  core: Core;
  inventory: PouchDB.Database;
  dataDir: string;
  call<T = unknown>(route: string, input?: unknown): Promise<T>;
  status(): Promise<SyncStatus>;
  close(): Promise<void>;
}

export async function startDevice(options: CoreOptions = {}): Promise<Device> {
  const dir = await tempDir('flipsync-device-');
  const core = await startCore(dir.path, options);
  const inventory = new PouchDB(path.join(dir.path, 'db', 'inventory'), { adapter: 'leveldb' } as object);
  const call = async <T>(route: string, input?: unknown) => {
    const result = await core.dispatch(route, input, inProcess);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { error: result.error });
    return result.data as T;
  };
  return {
    core,
    inventory,
    dataDir: dir.path,
    call,
    status: () => call<SyncStatus>('sync.status'),
    async close() {
      await core.close();
      await dir.remove();
    },
  };
}

/** Polls until `check` passes (sync is asynchronous by nature); fails with the last error. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}

export function newItemDoc(fields: Partial<ItemFields>, at: string): ItemDoc {
  const all = { ...EMPTY_ITEM, sku: 'SKU-1', title: 'An item', ...fields } as ItemFields;
  const fieldTimes = Object.fromEntries(Object.keys(all).map((k) => [k, at]));
  return { _id: `item:${ulid()}`, type: 'item', fields: all, fieldTimes, conflicts: [], createdAt: at, updatedAt: at };
}

/** An edit as inventory core makes it: the fields change and their times move to `at`. */
export async function editItem(db: PouchDB.Database, id: string, change: Partial<ItemFields>, at: string) {
  const doc = await db.get<ItemDoc>(id);
  doc.fields = { ...doc.fields, ...change };
  for (const key of Object.keys(change)) (doc.fieldTimes as Record<string, string>)[key] = at;
  doc.updatedAt = at;
  return db.put(doc);
}

export function movement(itemId: string, kind: MovementDoc['kind'], delta: number, saleId: string | null = null) {
  const doc: MovementDoc = {
    _id: `move:${itemId.slice('item:'.length)}:${ulid()}`,
    type: 'move',
    itemId,
    kind,
    delta,
    at: new Date().toISOString(),
    note: '',
    saleId,
  };
  return doc;
}

export function sale(itemId: string, price: number): SaleDoc {
  return {
    _id: `sale:${ulid()}`,
    type: 'sale',
    itemId,
    quantity: 1,
    price,
    fees: 0,
    shippingCost: 0,
    at: new Date().toISOString(),
    channel: 'ebay',
  };
}
