/**
 * An index loaded from its snapshot file answers every read exactly as the index that wrote
 * it, and keeps doing so through the same later writes (edits, deletions, new items, stock
 * movements, replays): the snapshot's packed columns and the objects built from them must be
 * indistinguishable. A damaged file is refused, never half-used.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListQuerySchema, SORT_COLUMNS, type ListQuery } from '../../../src/shared/api/inventory';
import { EMPTY_ITEM, ITEM_STATUSES } from '../../../src/shared/domain/inventory';
import { InventoryIndex, type ChangedDoc } from '../../../src/main/core/inventory/index/memory-index';
import { readSnapshot, writeSnapshot } from '../../../src/main/core/inventory/index/snapshot';
import { movement, newItemDoc } from '../../../src/main/core/inventory/service';
import { tempDir } from '../../support/temp-dir';

const WORDS = ['vintage', 'blue', 'leather', 'café', 'mint', 'retro', '日本', 'set', '🎸guitar', 'Ünïcode'];
let seed = 11;
const r = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
const maybe = <T>(v: T) => (r() < 0.2 ? null : v);

function itemFields(i: number) {
  return {
    ...EMPTY_ITEM,
    sku: `SN-${i}`,
    title: `${pick(WORDS)} ${pick(WORDS)} ${i}`,
    brand: pick(['Nike', 'Sony', 'LEGO', '']),
    category: pick(['Shoes', 'Cameras', 'Toys', '']),
    condition: pick(['New', 'Used']),
    location: pick(['Bin 1', 'Bin 2', '']),
    status: pick(ITEM_STATUSES),
    cost: maybe(Math.round(r() * 5000) / 100),
    listPrice: maybe(Math.round(r() * 20000) / 100),
    salePrice: maybe(Math.round(r() * 20000) / 100),
    tags: r() < 0.5 ? [pick(WORDS), pick(WORDS)] : [],
    notes: r() < 0.3 ? `note ${pick(WORDS)}` : '',
    acquiredAt: maybe(`2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`),
    listedAt: maybe(`2026-10-0${1 + Math.floor(r() * 9)}`),
    photos: r() < 0.3 ? [{ hash: 'a'.repeat(63) + String(i % 10), ext: 'jpg' as const, width: 640 }] : [],
  };
}

const asChanged = (doc: object, rev: string) => ({ ...doc, _rev: rev }) as unknown as ChangedDoc;

function queries(): ListQuery[] {
  const out: ListQuery[] = [ListQuerySchema.parse({})];
  for (const sort of SORT_COLUMNS) {
    for (const dir of ['asc', 'desc'] as const) {
      out.push(ListQuerySchema.parse({ sort, dir, limit: 500, status: [...ITEM_STATUSES] }));
    }
  }
  for (const q of ['vin', 'cafe', '日本', 'guitar', 'sn-1', 'blue leather', 'unicode']) {
    out.push(ListQuerySchema.parse({ q, limit: 500, status: [...ITEM_STATUSES] }));
  }
  out.push(ListQuerySchema.parse({ category: ['shoes'], brand: ['Sony'], priceMin: 10, priceMax: 150, limit: 500 }));
  out.push(ListQuerySchema.parse({ tag: 'MINT', location: ['Bin 2'], ageMinDays: 30, limit: 500 }));
  return out;
}

/** Everything a caller can read from an index. */
function reads(index: InventoryIndex, ids: string[]) {
  return {
    size: index.size,
    lists: queries().map((q) => index.query(q)),
    facets: index.facets(),
    rows: ids.map((id) => index.get(id) ?? null),
    stock: ids.map((id) => index.quantity(id)),
    skus: ids.map((_, i) => index.idsBySku(`sn-${i}`)),
    matched: index.matchIds({ status: ['listed', 'draft'] }),
  };
}

describe('inventory index snapshot', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('loads into an index that reads and changes exactly like the one that saved it', async () => {
    const at = '2026-11-01T10:00:00.000Z';
    const items = Array.from({ length: 240 }, (_, i) => asChanged(newItemDoc(itemFields(i), at), '1-a'));
    const moves = items.map((it) => asChanged(movement(it._id, 'received', 1 + Math.floor(r() * 3), 'in', at), '1-m'));
    const original = new InventoryIndex();
    original.apply([...items, ...moves]);
    original.seq = 480;
    const file = path.join(dir.path, 'index.bin');
    await writeSnapshot(file, original.dump());
    const loaded = InventoryIndex.load((await readSnapshot(file))!);
    const ids = items.map((d) => d._id);
    expect(loaded.seq).toBe(480);
    expect(reads(loaded, ids)).toEqual(reads(original, ids));

    // The same later writes on both: edits, deletions, new items, movements and a replay.
    const later: ChangedDoc[] = [];
    items.slice(0, 60).forEach((doc, i) => {
      if (i % 4 === 0) later.push({ _id: doc._id, _rev: '2-d', _deleted: true });
      else later.push(asChanged({ ...doc, fields: itemFields(1000 + i), updatedAt: `2026-11-0${1 + (i % 9)}` }, '2-e'));
    });
    const fresh = Array.from({ length: 20 }, (_, i) => asChanged(newItemDoc(itemFields(2000 + i), at), '1-n'));
    later.push(...fresh);
    later.push(...items.slice(50, 90).map((it) => asChanged(movement(it._id, 'sold', -1, 'sale', at), '1-s')));
    later.push({ _id: String(moves[100]!._id), _rev: '2-x', _deleted: true });
    for (const batch of [later.slice(0, 70), later.slice(70), later.slice(0, 30)]) {
      expect(loaded.apply(batch).itemIds).toEqual(original.apply(batch).itemIds);
    }
    const allIds = [...ids, ...fresh.map((d) => d._id)];
    expect(reads(loaded, allIds)).toEqual(reads(original, allIds));
    expect(loaded.has(items[0]!._id, '2-d', true)).toBe(true);
    expect(loaded.has(items[1]!._id, '2-e', false)).toBe(true);

    // And a snapshot of the loaded index round-trips again.
    await writeSnapshot(file, loaded.dump());
    const again = InventoryIndex.load((await readSnapshot(file))!);
    expect(reads(again, allIds)).toEqual(reads(original, allIds));
  });

  it('refuses a snapshot whose bytes were damaged or cut short', async () => {
    const index = new InventoryIndex();
    index.apply([asChanged(newItemDoc(itemFields(1), '2026-11-01T10:00:00.000Z'), '1-a')]);
    const file = path.join(dir.path, 'index.bin');
    await writeSnapshot(file, index.dump());
    const bytes = await readFile(file);
    expect(await readSnapshot(file)).not.toBeNull();

    const flipped = new Uint8Array(bytes);
    flipped[flipped.length - 9]! ^= 0x40;
    await writeFile(file, flipped);
    expect(await readSnapshot(file)).toBeNull();

    await writeFile(file, new Uint8Array(bytes).subarray(0, bytes.length - 16));
    expect(await readSnapshot(file)).toBeNull();
  });
});
