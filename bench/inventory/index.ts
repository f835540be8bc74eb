/**
 * Inventory at 100k items: bulk create, cold start to a queryable index, search+filter+sort
 * latency and heap, each beside a reference measured in this same run.
 *
 *   npm run bench inventory          (BENCH_ITEMS=20000 for a quicker run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { ListQuerySchema, type ItemSummary, type ListQuery, type SortColumn } from '../../src/shared/api/inventory';
import { EMPTY_ITEM, type ItemStatus } from '../../src/shared/domain/inventory';
import { openDatabase } from '../../src/main/core/db/open';
import { bulkUpsertBySku, type UpsertRow } from '../../src/main/core/inventory/bulk';
import { LiveIndex } from '../../src/main/core/inventory/index/live-index';
import { compareKeys, rowPredicate, sortKey } from '../../src/main/core/inventory/index/rows';
import { tokenize } from '../../src/main/core/inventory/index/text-index';
import { movement, newItemDoc, InventoryService } from '../../src/main/core/inventory/service';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const QUERIES = 400;
const CHUNK = 2000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

const BRANDS = [
  'Nike',
  'Adidas',
  "Levi's",
  'Patagonia',
  'Apple',
  'Sony',
  'Nintendo',
  'LEGO',
  'Pyrex',
  'Coach',
  'Canon',
  'Dell',
  'Samsung',
  'Fossil',
  'Carhartt',
  'Ralph Lauren',
  'Columbia',
  'Bose',
  'Hasbro',
  'Le Creuset',
];
const CATEGORIES = [
  "Men's Shoes",
  "Women's Clothing",
  'Cameras & Photo',
  'Video Games',
  'Toys & Hobbies',
  'Kitchen',
  'Handbags',
  'Electronics',
  'Watches',
  'Outdoor Gear',
  'Jeans',
  'Collectibles',
];
const WORDS =
  'vintage rare new used excellent condition size large medium small black blue red green white leather cotton wool original box tested working sealed retro classic limited edition authentic genuine mint complete bundle lot set pair jacket shoes sneakers camera lens console controller game watch bag purse mug bowl dish figure doll 80s 90s made usa japan'.split(
    ' ',
  );
const STATUSES: ItemStatus[] = ['draft', 'ready', 'listed', 'listed', 'listed', 'sold', 'archived'];

export function generate(n: number): UpsertRow[] {
  let s = 42;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  return Array.from({ length: n }, (_, i) => {
    const brand = pick(BRANDS);
    const month = String(1 + Math.floor(r() * 12)).padStart(2, '0');
    return {
      fields: {
        sku: `${brand.slice(0, 3).toUpperCase()}-${String(i).padStart(6, '0')}`,
        title: `${brand} ${words(7)}`.slice(0, 80),
        brand,
        category: pick(CATEGORIES),
        condition: pick(['New', 'Used', 'Pre-owned', 'For parts']),
        description: `${words(45)}. Ships fast, smoke-free home.`,
        location: `Shelf ${1 + Math.floor(r() * 40)}-Bin ${1 + Math.floor(r() * 20)}`,
        status: pick(STATUSES),
        cost: Math.round(r() * 3000) / 100,
        listPrice: r() < 0.05 ? null : Math.round(500 + r() * 30000) / 100,
        acquiredAt: `${2024 + Math.floor(r() * 3)}-${month}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
        tags: r() < 0.4 ? [pick(WORDS), pick(WORDS)] : [],
        notes: r() < 0.3 ? `from estate sale, ${words(4)}` : '',
      },
      quantity: 1 + Math.floor(r() * 3),
    };
  });
}

/** What a seller does: types a word letter by letter, filters, sorts by a column. */
export function queries(count: number): ListQuery[] {
  let s = 7;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const sorts: SortColumn[] = ['updatedAt', 'title', 'listPrice', 'sku', 'quantity', 'acquiredAt', 'brand'];
  return Array.from({ length: count }, () => {
    const word = pick([...WORDS, ...BRANDS.map((b) => b.toLowerCase())]);
    const q: Record<string, unknown> = { sort: pick(sorts), dir: pick(['asc', 'desc']), limit: 50 };
    const kind = r();
    if (kind < 0.6) q.q = word.slice(0, 1 + Math.floor(r() * word.length)) + (r() < 0.3 ? ` ${pick(WORDS)}` : '');
    if (kind > 0.3) q.status = [pick(['listed', 'ready', 'draft'])];
    if (r() < 0.3) q.category = [pick(CATEGORIES)];
    if (r() < 0.2) Object.assign(q, { priceMin: 20, priceMax: 150 });
    if (r() < 0.1) q.ageMinDays = 180;
    return ListQuerySchema.parse(q);
  });
}

/** The reference: the same rows in a plain array, scanned, sorted and sliced per query. */
function arrayScan(rows: { row: ItemSummary; text: string[] }[], q: ListQuery): ItemSummary[] {
  const words = q.q ? tokenize(q.q) : [];
  const keep = rowPredicate(q);
  const hits = rows
    .filter((e) => keep(e.row) && words.every((w) => e.text.some((t) => t.startsWith(w))))
    .map((e) => e.row);
  const dir = q.dir === 'asc' ? 1 : -1;
  hits.sort((a, b) => compareKeys(sortKey(a, q.sort), sortKey(b, q.sort)) * dir || (a.id < b.id ? -1 : 1));
  return hits.slice(q.offset, q.offset + q.limit);
}

const row = (
  figure: string,
  value: number,
  unit: string,
  reference: string,
  referenceValue: number,
  target: string,
  met: boolean,
): BenchRow => ({
  area: 'inventory',
  figure,
  value,
  unit,
  reference,
  referenceValue,
  ratio: value / referenceValue,
  target,
  met,
});

const bench: Benchmark = {
  area: 'inventory',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-inv-'));
    const out: BenchRow[] = [];
    try {
      const baseHeap = heapMb();
      let input: UpsertRow[] | null = generate(N);

      // Reference: raw bulkDocs of the same kind of documents (item + received movement).
      const rawDb = await openDatabase(path.join(dir, 'raw'), 'inventory');
      const at = new Date().toISOString();
      const rawDocs = input.flatMap((r) => {
        const doc = newItemDoc({ ...EMPTY_ITEM, ...r.fields } as never, at);
        return [doc, movement(doc._id, 'received', r.quantity ?? 1, 'Initial quantity', at)];
      });
      let t = now();
      for (let i = 0; i < rawDocs.length; i += CHUNK * 2) await rawDb.bulkDocs(rawDocs.slice(i, i + CHUNK * 2));
      const rawBulk = ms(t);
      rawDocs.length = 0;

      const db = await openDatabase(dir, 'inventory');
      const file = path.join(dir, 'cache', 'inventory-index.bin');
      let live = await LiveIndex.open(db, file);
      t = now();
      const created = await bulkUpsertBySku(new InventoryService(db, live), input);
      const bulk = ms(t);
      if (created.created.length !== N) throw new Error(`created ${created.created.length} of ${N}`);
      out.push(
        row(
          `bulk create ${N} items (+ movements)`,
          bulk,
          'ms',
          'raw bulkDocs, same docs',
          rawBulk,
          '≤ 1.0× raw bulkDocs',
          bulk <= rawBulk,
        ),
      );
      input = null;
      await live.settle();
      await live.stop();

      // Cold start: snapshot + replay until the first page answers, vs reading every document.
      t = now();
      const all = await db.allDocs({ include_docs: true });
      const rawAll = ms(t);
      const docCount = all.rows.length;
      (all as { rows: unknown[] }).rows = [];
      gc();
      t = now();
      live = await LiveIndex.open(db, file);
      live.index.query(ListQuerySchema.parse({}));
      const cold = ms(t);
      out.push(
        row(
          `cold start to queryable index (${docCount} docs)`,
          cold,
          'ms',
          'raw allDocs include_docs',
          rawAll,
          '≤ 1000 ms',
          cold <= 1000,
        ),
      );
      const heap = heapMb();
      out.push(row('heap after load', heap, 'MB', 'heap before any data', baseHeap, '≤ 300 MB', heap <= 300));

      // Queries: the index vs a plain array scan of the same rows.
      const rows: { row: ItemSummary; text: string[] }[] = [];
      const page = live.index.query(
        ListQuerySchema.parse({ limit: 500, status: ['draft', 'ready', 'listed', 'sold', 'archived'] }),
      );
      for (let offset = 0; offset < page.total; offset += 500) {
        const p = live.index.query(
          ListQuerySchema.parse({ limit: 500, offset, status: ['draft', 'ready', 'listed', 'sold', 'archived'] }),
        );
        for (const item of p.items) {
          rows.push({
            row: item,
            text: tokenize(
              [item.title, item.sku, item.brand, item.category, item.tags.join(' '), item.location].join(' '),
            ),
          });
        }
      }
      const list = queries(QUERIES);
      const firstSorts: number[] = [];
      for (const q of list) {
        t = now();
        live.index.query(q);
        firstSorts.push(ms(t));
      }
      const timeAll = (fn: (q: ListQuery) => unknown) =>
        list.map((q) => {
          const start = now();
          fn(q);
          return ms(start);
        });
      const indexed = timeAll((q) => live.index.query(q));
      const scanned = timeAll((q) => arrayScan(rows, q));
      for (const p of [50, 95]) {
        const v = percentile(indexed, p);
        out.push(
          row(
            `search+filter+sort+page p${p}`,
            v,
            'ms',
            'plain array scan',
            percentile(scanned, p),
            p === 95 ? '≤ 10 ms' : '—',
            p !== 95 || v <= 10,
          ),
        );
      }
      out.push(
        row(
          'first query per new sort column (builds the order), max',
          Math.max(...firstSorts),
          'ms',
          'plain array scan p95',
          percentile(scanned, 95),
          'info',
          true,
        ),
      );
      await live.stop();
      await Promise.all([db.close(), rawDb.close()]);
      return out;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
