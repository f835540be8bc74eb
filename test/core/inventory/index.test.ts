/**
 * The in-memory index answers list queries exactly as a plain scan of the same items would,
 * follows writes made by anyone into the database, and restarts from its snapshot into the
 * same state a full rebuild reaches.
 */
import path from 'node:path';
import PouchDB from 'pouchdb';
import { describe, expect, it } from 'vitest';
import type { ItemSummary, ListQuery, RouteInput } from '../../../src/shared/api';
import { ListQuerySchema } from '../../../src/shared/api';
import type { ItemStatus } from '../../../src/shared/domain/inventory';
import type { Core } from '../../../src/main/core/core';
import { bulkUpsertBySku, type UpsertRow } from '../../../src/main/core/inventory/bulk';
import { compareKeys, rowPredicate, sortKey } from '../../../src/main/core/inventory/index/rows';
import { tokenize } from '../../../src/main/core/inventory/index/text-index';
import { coreForEachTest, startCore } from '../../support/core';
import { call, until } from './helpers';

const BRANDS = ['Nike', 'Levi’s', 'Pyrex', 'Sony', 'LEGO', 'Coach'];
const CATEGORIES = ['Shoes', 'Jeans', 'Kitchen', 'Cameras', 'Toys'];
const WORDS = ['vintage', 'blue', 'leather', 'boxed', 'mint', 'retro', 'café', 'set'];
const STATUSES: ItemStatus[] = ['draft', 'ready', 'listed', 'sold', 'archived'];

function rows(n: number, seed = 7): UpsertRow[] {
  let s = seed;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    fields: {
      sku: `S-${String(i).padStart(4, '0')}`,
      title: `${pick(BRANDS)} ${pick(WORDS)} ${pick(WORDS)} ${i}`,
      brand: pick(BRANDS),
      category: r() < 0.1 ? '' : pick(CATEGORIES),
      location: `Bin ${1 + Math.floor(r() * 5)}`,
      status: pick(STATUSES),
      listPrice: r() < 0.1 ? null : Math.round(r() * 20000) / 100,
      acquiredAt:
        r() < 0.2 ? null : `2026-${String(1 + Math.floor(r() * 11)).padStart(2, '0')}-1${Math.floor(r() * 9)}`,
      tags: r() < 0.5 ? [pick(WORDS)] : [],
      notes: r() < 0.2 ? `shelf ${pick(WORDS)}` : '',
      ebayItemId: r() < 0.3 ? String(110_000_000_000 + i) : null,
    },
    quantity: Math.floor(r() * 4),
  }));
}

/** The reference: a plain scan and sort of every item, no index. */
async function reference(core: Core, q: ListQuery): Promise<{ ids: string[]; total: number }> {
  const all: ItemSummary[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call(core, 'inventory.list', { status: [...STATUSES], limit: 500, offset, sort: 'createdAt' });
    all.push(...page.items);
    if (page.items.length < 500) break;
  }
  const docs = await core.inventory.db.allDocs<{ fields: { notes: string; description: string } }>({
    keys: all.map((i) => i.id),
    include_docs: true,
  });
  const text = new Map(
    docs.rows.map((r) => ['doc' in r && r.doc ? [r.id, r.doc.fields] : [r.key, null]] as const).flat() as never,
  );
  const words = q.q ? tokenize(q.q) : [];
  const keep = rowPredicate(q);
  const matches = all.filter((row) => {
    if (!keep(row)) return false;
    if (words.length === 0) return true;
    const f = (text as unknown as Map<string, { notes: string; description: string }>).get(row.id)!;
    const tokens = tokenize(
      [row.title, row.sku, row.brand, row.category, row.tags.join(' '), f.notes, f.description, row.location].join(' '),
    );
    return words.every((w) => tokens.some((t) => t.startsWith(w)));
  });
  const dir = q.dir === 'asc' ? 1 : -1;
  matches.sort((a, b) => {
    const ka = sortKey(a, q.sort);
    const kb = sortKey(b, q.sort);
    // Items without a value come last in both directions, oldest first.
    if (ka === null || kb === null) return compareKeys(ka, kb) || (a.id < b.id ? -1 : 1);
    return (compareKeys(ka, kb) || (a.id < b.id ? -1 : 1)) * dir;
  });
  return { ids: matches.slice(q.offset, q.offset + q.limit).map((m) => m.id), total: matches.length };
}

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('inventory index', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  // A longer timeout: the reference scan is slow on a busy machine (nothing here asserts time).
  it('searches, filters, sorts and pages exactly like a plain scan', { timeout: 30_000 }, async () => {
    const result = await bulkUpsertBySku(h.core.inventory, rows(400));
    expect(result.created).toHaveLength(400);
    const queries: Partial<ListQuery>[] = [
      {},
      { q: 'vint' },
      { q: 'nike blue', sort: 'listPrice', dir: 'asc' },
      { q: 'cafe' },
      { q: 's-012' },
      { status: ['listed', 'ready'], sort: 'title', dir: 'asc', limit: 20, offset: 40 },
      { category: ['shoes', 'Cameras'], priceMin: 20, priceMax: 120, sort: 'listPrice' },
      { brand: ['Sony'], location: ['Bin 2'], sort: 'quantity', dir: 'asc' },
      { tag: 'MINT', sort: 'acquiredAt', dir: 'desc' },
      { ageMinDays: 60, sort: 'acquiredAt', dir: 'asc', limit: 500 },
      { ageMaxDays: 200, status: ['archived', 'sold'], sort: 'sku', dir: 'desc' },
      { sort: 'category', dir: 'desc', offset: 390 },
      { ebay: 'listed', sort: 'listPrice', dir: 'asc' },
      { ebay: 'not-listed', q: 'vint', status: ['listed', 'draft'] },
    ];
    for (const partial of queries) {
      const q = ListQuerySchema.parse(partial);
      const page = await call(h.core, 'inventory.list', q);
      const want = await reference(h.core, q);
      expect({ q: partial, total: page.total, ids: page.items.map((i) => i.id) }).toEqual({ q: partial, ...want });
    }
    // Some queries must actually narrow things down, or the comparison proves little.
    expect((await call(h.core, 'inventory.list', { q: 'nike blue' })).total).toBeGreaterThan(0);
    expect((await call(h.core, 'inventory.list', { q: 'nike blue' })).total).toBeLessThan(100);
    const onEbay = (await call(h.core, 'inventory.list', { ebay: 'listed' })).total;
    expect(onEbay).toBeGreaterThan(0);
    expect(onEbay).toBeLessThan((await call(h.core, 'inventory.list', {})).total);
  });

  it('keeps sort orders right through edits, sales and deletions', async () => {
    await bulkUpsertBySku(h.core.inventory, rows(120));
    const byPrice = () =>
      call(h.core, 'inventory.list', { sort: 'listPrice', dir: 'desc', limit: 5, status: [...STATUSES] });
    const top = (await byPrice()).items[0]!;
    await call(h.core, 'inventory.update', { id: top.id, rev: top.rev, changes: { listPrice: 0.01 } });
    const cheapest = (
      await call(h.core, 'inventory.list', { sort: 'listPrice', dir: 'asc', limit: 1, status: [...STATUSES] })
    ).items[0];
    expect(cheapest?.id).toBe(top.id);
    const next = (await byPrice()).items[0]!;
    await call(h.core, 'inventory.delete', { id: next.id, rev: next.rev });
    expect((await byPrice()).items.map((i) => i.id)).not.toContain(next.id);
    await call(h.core, 'inventory.adjustStock', { id: cheapest!.id, kind: 'received', delta: 1000 });
    const most = (
      await call(h.core, 'inventory.list', { sort: 'quantity', dir: 'desc', limit: 1, status: [...STATUSES] })
    ).items[0];
    expect(most?.id).toBe(cheapest!.id);
    const q = ListQuerySchema.parse({ sort: 'listPrice', dir: 'asc', limit: 200, status: [...STATUSES] });
    expect((await call(h.core, 'inventory.list', q)).items.map((i) => i.id)).toEqual((await reference(h.core, q)).ids);
  });

  it('follows writes another database replicates in, and announces them', async () => {
    const seen: string[] = [];
    h.core.events.on('inventory.changed', (e) => e.source === 'feed' && seen.push(...e.ids));
    const other = new PouchDB(path.join(h.dir, 'other-device'), { adapter: 'leveldb' });
    try {
      await PouchDB.replicate(h.core.inventory.db, other);
      const at = new Date().toISOString();
      const fields = { ...rows(1)[0]!.fields, sku: 'FROM-B', title: 'Polaroid SX-70 from the other device' };
      await other.bulkDocs([
        {
          _id: 'item:01JBBBBBBBBBBBBBBBBBBBBBBB',
          type: 'item',
          fields: { ...(await import('../../../src/shared/domain/inventory')).EMPTY_ITEM, ...fields },
          fieldTimes: {},
          conflicts: [],
          createdAt: at,
          updatedAt: at,
        },
        {
          _id: 'move:01JBBBBBBBBBBBBBBBBBBBBBBB:01JBBBBBBBBBBBBBBBBBBBBBBC',
          type: 'move',
          itemId: 'item:01JBBBBBBBBBBBBBBBBBBBBBBB',
          kind: 'received',
          delta: 4,
          at,
          note: '',
          saleId: null,
        },
      ]);
      await PouchDB.replicate(other, h.core.inventory.db);
      await until(
        async () => (await call(h.core, 'inventory.list', { q: 'polaroid' })).items[0]?.quantity === 4,
        'the replicated item and its movement',
      );
      const page = await call(h.core, 'inventory.list', { q: 'polaroid' });
      expect(page.items[0]).toMatchObject({ sku: 'FROM-B', quantity: 4 });
      expect(seen).toContain('item:01JBBBBBBBBBBBBBBBBBBBBBBB');
    } finally {
      await other.close();
    }
  });

  it('rebuilds from the database when the snapshot is damaged', async () => {
    await bulkUpsertBySku(h.core.inventory, rows(50));
    await h.core.close();
    const { writeFile } = await import('node:fs/promises');
    const { snapshotPath } = await import('../../../src/main/core/inventory/index/snapshot');
    await writeFile(snapshotPath(h.dir), 'FSIX\u0004 not really a snapshot');
    h.core = await startCore(h.dir);
    expect((await call(h.core, 'inventory.list', { status: [...STATUSES] })).total).toBe(50);
    expect((await call(h.core, 'inventory.list', { q: 's-0049', status: [...STATUSES] })).total).toBe(1);
  });

  it('restarts from its snapshot plus the changes since, into the same state as a full rebuild', async () => {
    await bulkUpsertBySku(h.core.inventory, rows(300));
    await h.core.close();
    const { readSnapshot, snapshotPath } = await import('../../../src/main/core/inventory/index/snapshot');
    expect((await readSnapshot(snapshotPath(h.dir)))?.count).toBe(300);
    // While FlipSync is closed, the database moves on (as a sync would leave it).
    const db = new PouchDB(path.join(h.dir, 'db', 'inventory'), { adapter: 'leveldb' });
    const some = await db.allDocs<{ type: string; fields: { title: string; listPrice: number | null } }>({
      startkey: 'item:',
      endkey: 'item:\uffff',
      include_docs: true,
      limit: 30,
    });
    await db.bulkDocs(
      some.rows.map((r, i) =>
        i % 3 === 0
          ? { _id: r.id, _rev: r.value.rev, _deleted: true }
          : { ...r.doc!, fields: { ...r.doc!.fields, title: `${r.doc!.fields.title} relisted`, listPrice: 1 + i } },
      ),
    );
    await db.close();

    h.core = await startCore(h.dir);
    const queries = [
      {},
      { q: 'relisted', sort: 'listPrice', status: [...STATUSES] },
      { sort: 'title', dir: 'asc', limit: 500 },
      { q: 'sony', status: [...STATUSES] },
    ] satisfies RouteInput<'inventory.list'>[];
    const fromSnapshot = await Promise.all(queries.map((q) => call(h.core, 'inventory.list', q)));
    const facets = await call(h.core, 'inventory.facets', {});
    expect(fromSnapshot[1]!.total).toBe(20);

    await h.core.close();
    const { rm } = await import('node:fs/promises');
    await rm(path.join(h.dir, 'cache'), { recursive: true, force: true });
    h.core = await startCore(h.dir);
    const rebuilt = await Promise.all(queries.map((q) => call(h.core, 'inventory.list', q)));
    expect(rebuilt).toEqual(fromSnapshot);
    expect(await call(h.core, 'inventory.facets', {})).toEqual(facets);
  });
});
