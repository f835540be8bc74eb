/**
 * The dashboard keeps items and sales in typed arrays updated change by change. These tests
 * hold it to the straightforward computation (reference.ts: the index's rows through its own
 * filter, the sales by walking a ledger of Maps) after every kind of change a seller or a sync
 * makes: edits of cost and category after a sale, returns, deleted sales, deleted items, and
 * edits written straight into the database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ItemColumns, Interner } from '../../../src/main/core/analytics/item-columns';
import { dayNumber, todayUtc } from '../../../src/main/core/analytics/periods';
import { SaleColumns } from '../../../src/main/core/analytics/sale-columns';
import { SalesLedger, type SaleFact } from '../../../src/main/core/analytics/sales-ledger';
import type { Core } from '../../../src/main/core/core';
import type { InventoryIndex } from '../../../src/main/core/inventory/index/memory-index';
import type { AnalyticsFilter } from '../../../src/shared/api/analytics';
import type { ItemSummary } from '../../../src/shared/api/inventory';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, until } from '../inventory/helpers';
import { buildSeller, daysAgo } from './fixtures';
import { referenceFigures } from './reference';

const FILTERS: AnalyticsFilter[] = [
  {},
  { category: ['Shoes'] },
  { category: ['jackets', 'Sneakers', 'nothing'] },
  { from: daysAgo(50), to: daysAgo(5) },
  { from: '2025-10-10', to: '2025-10-31', category: ['shoes', 'Jackets'] },
  { to: '2025-11-10' },
];

describe('dashboard figures kept incrementally', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let ledger: SalesLedger;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
    // The reference's own ledger: Maps of sales and returns, read from the same database.
    ledger = new SalesLedger(core.inventory.db, null);
  });
  afterEach(async () => {
    await ledger.stop();
    await core.close();
    await dir.remove();
  });

  /** Every filter's figures, from the dashboard and from the reference; they must agree. */
  async function expectSameAsReference(): Promise<void> {
    await ledger.settle();
    for (const filter of FILTERS) {
      const d = await call(core, 'analytics.dashboard', filter);
      const expected = referenceFigures(core.inventory.index, ledger, filter, dayNumber(todayUtc()));
      expect({ inventory: d.inventory, sales: d.sales, categories: d.categories, brands: d.brands }).toEqual(expected);
    }
  }

  it('agrees with the straightforward computation after edits, returns, deletions and sync writes', async () => {
    const { a, b, c, f } = await buildSeller(core);
    await expectSameAsReference();

    // Cost and category change after the item sold: past sales follow the item, as before.
    const current = await call(core, 'inventory.get', { id: a.id });
    await call(core, 'inventory.update', {
      id: a.id,
      rev: current.rev,
      changes: { cost: 25, category: 'Sneakers', listedAt: '2025-09-01' },
    });
    const shoes = await call(core, 'analytics.dashboard', { category: ['Sneakers'] });
    expect(shoes.sales).toMatchObject({ orders: 2, costOfGoods: 50 }); // (2 + 1 − 1 returned) × 25
    await expectSameAsReference();

    // A return of B, and stock received for C.
    await call(core, 'inventory.adjustStock', { id: b.id, kind: 'returned', delta: 1, note: '' });
    await call(core, 'inventory.adjustStock', { id: c.id, kind: 'received', delta: 3, note: '' });
    await expectSameAsReference();

    // A sale removed from the database (as a sync from another device would).
    const sales = await core.inventory.db.allDocs({ startkey: 'sale:', endkey: 'sale:\uffff' });
    const first = sales.rows[0]!;
    await core.inventory.db.remove(first.id, first.value.rev);
    const after = await call(core, 'analytics.dashboard', {});
    expect(after.sales.orders).toBe(3);
    await expectSameAsReference();

    // A sold item deleted: its sales stay, without category, brand or cost.
    await call(core, 'inventory.recordSale', { id: f.id, price: 30, fees: 3, date: '2025-12-01' });
    const sold = await call(core, 'inventory.get', { id: f.id });
    await call(core, 'inventory.delete', { id: f.id, rev: sold.rev });
    await expectSameAsReference();

    // An edit written straight into the database reaches the index through its changes feed.
    const doc = await core.inventory.db.get<{ fields: Record<string, unknown> }>(c.id);
    doc.fields = { ...doc.fields, category: 'Shoes', cost: 12.5, status: 'listed', acquiredAt: daysAgo(3) };
    await core.inventory.db.put(doc);
    await until(() => core.inventory.index.get(c.id)?.category === 'Shoes', 'the synced edit in the index');
    const synced = await call(core, 'analytics.dashboard', { category: ['shoes'] });
    expect(synced.inventory.items).toBe(2); // B and C (A is Sneakers now)
    await expectSameAsReference();
  });
});

describe('sale columns', () => {
  const sale = (n: number, price: number): SaleFact => ({
    id: `sale:${String(n).padStart(6, '0')}`,
    itemId: `item:${n % 7}`,
    quantity: 1 + (n % 3),
    price,
    fees: n % 5,
    shipping: n % 4,
    day: '2025-10-06',
    dayNo: dayNumber('2025-10-06') + (n % 40),
    week: 0,
    month: n % 3,
    at: `2025-10-06T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
  });

  it('keep the order and values of a Map through updates, deletions, re-adds and compaction', () => {
    const keys = new Interner<string>();
    const columns = new SaleColumns(keys);
    const map = new Map<string, SaleFact>();
    const set = (s: SaleFact) => {
      map.set(s.id, s);
      columns.set(s);
    };
    const drop = (id: string) => {
      map.delete(id);
      columns.delete(id);
    };
    for (let n = 0; n < 3000; n++) set(sale(n, n));
    for (let n = 0; n < 3000; n += 3) set(sale(n, n + 0.5)); // updated in place
    for (let n = 0; n < 3000; n++) if (n % 4 !== 0) drop(sale(n, 0).id); // 2250 holes: compacted
    for (let n = 1; n < 200; n += 4) set(sale(n, 7)); // re-added: at the end, as in a Map
    drop('sale:unknown');

    const rows = [];
    for (let i = 0; i < columns.length; i++) {
      if (columns.live[i] !== 1) continue;
      rows.push({
        id: columns.ids[i],
        itemId: keys.list[columns.item[i]!],
        price: columns.price[i],
        quantity: columns.quantity[i],
        dayNo: columns.dayNo[i],
        month: columns.months.list[columns.month[i]!],
        at: columns.at[i],
      });
    }
    expect(columns.length).toBeLessThan(3000); // the holes were closed
    expect(rows).toEqual(
      [...map.values()].map((s) => ({
        id: s.id,
        itemId: s.itemId,
        price: s.price,
        quantity: s.quantity,
        dayNo: s.dayNo,
        month: s.month,
        at: s.at,
      })),
    );
  });
});

describe('item columns', () => {
  const row = (id: string, category: string, cost: number | null): ItemSummary =>
    ({
      id,
      category,
      brand: 'B',
      cost,
      listPrice: 10,
      quantity: 2,
      status: 'listed',
      acquiredAt: '2025-01-02',
      listedAt: null,
      createdAt: '2025-01-01T00:00:00.000Z',
    }) as ItemSummary;
  /** An index with only the read API the mirror uses. */
  const fakeIndex = (rows: Map<string, ItemSummary>) =>
    ({
      get: (id: string) => rows.get(id),
      get size() {
        return rows.size;
      },
      eachItem: (visit: (field: (key: keyof ItemSummary) => unknown) => void) => {
        for (const r of rows.values()) visit((key) => r[key]);
      },
    }) as unknown as InventoryIndex;

  it('re-reads announced items, and the whole index when it is replaced or its count disagrees', () => {
    const columns = new ItemColumns(new Interner<string>());
    const rows = new Map([
      ['item:1', row('item:1', 'Shoes', 5)],
      ['item:2', row('item:2', 'Toys', null)],
    ]);
    const index = fakeIndex(rows);
    columns.sync(index);
    const k1 = 0;
    expect(columns.cost[k1]).toBe(5);
    expect(Number.isNaN(columns.cost[1]!)).toBe(true);
    expect(columns.listed[k1]).toBe(dayNumber('2025-01-02'));

    rows.set('item:1', row('item:1', 'Toys', 7));
    columns.markChanged(['item:1']);
    columns.sync(index);
    expect(columns.cost[k1]).toBe(7);
    expect(columns.selected(k1, columns.allowed(['toys']))).toBe(true);

    // Unannounced: an item added and the count no longer matches.
    rows.set('item:3', row('item:3', 'Shoes', 1));
    columns.sync(index);
    expect(columns.live[2]).toBe(1);

    // Another index (rebuilt from the database, say): read whole, deleted items dropped.
    columns.sync(fakeIndex(new Map([['item:3', row('item:3', 'Shoes', 2)]])));
    expect([...columns.live.slice(0, 3)]).toEqual([0, 0, 1]);
    expect(columns.cost[2]).toBe(2);
  });
});
