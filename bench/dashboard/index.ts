/**
 * Dashboard analytics at 100k items and 50k sales: every figure of `analytics.dashboard`
 * (unfiltered, and with a date range plus a category), beside a plain loop computing the
 * core figures over the same data in plain arrays, measured in this same run. Also the
 * sales ledger's cold load beside a raw allDocs of the same documents.
 *
 *   npm run bench dashboard          (BENCH_ITEMS=20000 BENCH_SALES=10000 for a quicker run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ItemSummary } from '../../src/shared/api/inventory';
import { EMPTY_ITEM, ITEM_STATUSES, type ItemStatus } from '../../src/shared/domain/inventory';
import { AiService } from '../../src/main/core/ai/service';
import { AnalyticsService } from '../../src/main/core/analytics/service';
import { SalesLedger } from '../../src/main/core/analytics/sales-ledger';
import { openDatabase, type Database } from '../../src/main/core/db/open';
import { EventBus } from '../../src/main/core/events';
import { newSaleId, type MovementDoc, type SaleDoc } from '../../src/main/core/inventory/docs';
import { movement, newItemDoc } from '../../src/main/core/inventory/service';
import { startInventory } from '../../src/main/core/inventory/start';
import { FileSecretStore } from '../../src/main/core/platform/file-secrets';
import { SettingsStore } from '../../src/main/core/settings/store';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 100_000);
const SALES = Number(process.env.BENCH_SALES ?? 50_000);
const RUNS = 30;
const CHUNK = 5000;
const TARGET_MS = 100;

const BRANDS = ['Nike', 'Adidas', 'Patagonia', 'Apple', 'Sony', 'Nintendo', 'LEGO', 'Pyrex', 'Coach', 'Canon'];
const CATEGORIES = ["Men's Shoes", "Women's Clothing", 'Cameras & Photo', 'Video Games', 'Toys & Hobbies', 'Kitchen'];
const STATUSES: ItemStatus[] = ['draft', 'ready', 'listed', 'listed', 'listed', 'archived'];

async function seed(db: Database): Promise<void> {
  let s = 42;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const day = () =>
    `${2024 + Math.floor(r() * 3)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
  const at = new Date().toISOString();
  const ids: string[] = [];
  for (let i = 0; i < ITEMS; i += CHUNK) {
    const docs: object[] = [];
    for (let k = i; k < Math.min(ITEMS, i + CHUNK); k++) {
      const acquiredAt = day();
      const item = newItemDoc(
        {
          ...EMPTY_ITEM,
          sku: `SKU-${k}`,
          title: `Item ${k}`,
          brand: pick(BRANDS),
          category: pick(CATEGORIES),
          status: pick(STATUSES),
          cost: r() < 0.1 ? null : Math.round(r() * 3000) / 100,
          listPrice: r() < 0.05 ? null : Math.round(500 + r() * 30000) / 100,
          acquiredAt,
          listedAt: acquiredAt,
        },
        at,
      );
      ids.push(item._id);
      docs.push(item, movement(item._id, 'received', 1 + Math.floor(r() * 3), 'Initial quantity', at));
    }
    await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
  }
  for (let i = 0; i < SALES; i += CHUNK) {
    const docs: (SaleDoc | MovementDoc)[] = [];
    for (let k = i; k < Math.min(SALES, i + CHUNK); k++) {
      const itemId = pick(ids);
      const date = day();
      const sale: SaleDoc = {
        _id: newSaleId(),
        type: 'sale',
        itemId,
        quantity: 1,
        price: Math.round(500 + r() * 30000) / 100,
        fees: Math.round(r() * 1500) / 100,
        shippingCost: Math.round(r() * 1000) / 100,
        at: `${date}T12:00:00.000Z`,
        channel: 'ebay',
      };
      docs.push(sale, { ...movement(itemId, 'sold', -1, `Sale ${sale._id}`, sale.at), saleId: sale._id });
      // One sale in fifty comes back.
      if (r() < 0.02) docs.push(movement(itemId, 'returned', 1, 'Returned', `${date}T18:00:00.000Z`));
    }
    await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
  }
}

/** The reference: the core figures in one straightforward pass over plain arrays. */
function plainLoop(
  rows: ItemSummary[],
  sales: { itemId: string; quantity: number; price: number; fees: number; shipping: number; day: string }[],
) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const status: Record<string, number> = {};
  const aging = [0, 0, 0, 0];
  const today = Date.now();
  let valueAtCost = 0;
  let valueAtList = 0;
  for (const row of rows) {
    status[row.status] = (status[row.status] ?? 0) + 1;
    if (row.status === 'listed') {
      const age = (today - Date.parse(row.acquiredAt ?? row.listedAt ?? row.createdAt)) / 86_400_000;
      aging[age <= 30 ? 0 : age <= 90 ? 1 : age <= 180 ? 2 : 3]!++;
    }
    if (row.status !== 'archived' && row.quantity > 0) {
      valueAtCost += row.quantity * (row.cost ?? 0);
      valueAtList += row.quantity * (row.listPrice ?? 0);
    }
  }
  const months = new Map<string, number>();
  const weeks = new Map<string, number>();
  const categories = new Map<string, number>();
  const brands = new Map<string, number>();
  let revenue = 0;
  let profit = 0;
  for (const sale of sales) {
    const row = byId.get(sale.itemId);
    const gross = sale.quantity * sale.price;
    const p = gross - sale.fees - sale.shipping - sale.quantity * (row?.cost ?? 0);
    revenue += gross;
    profit += p;
    const month = sale.day.slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + p);
    const d = Math.floor(Date.parse(sale.day) / 86_400_000);
    const week = String(d - ((d + 3) % 7));
    weeks.set(week, (weeks.get(week) ?? 0) + p);
    categories.set(row?.category ?? '', (categories.get(row?.category ?? '') ?? 0) + p);
    brands.set(row?.brand ?? '', (brands.get(row?.brand ?? '') ?? 0) + p);
  }
  const ranked = [...categories].sort((a, b) => b[1] - a[1]);
  return { status, aging, valueAtCost, valueAtList, revenue, profit, months, weeks, ranked, brands };
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Samples = number[] & { cpu: number[] };

/**
 * Wall time and this process's CPU time per call (on a shared machine the CPU time says more),
 * for several functions called in turns whose order rotates every run.
 */
async function timedInTurns(fns: (() => Promise<unknown> | unknown)[]): Promise<Samples[]> {
  const samples = fns.map(() => Object.assign([] as number[], { cpu: [] as number[] }));
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < fns.length; k++) {
      const which = (i + k) % fns.length;
      const start = now();
      const cpu = cpuMs();
      await fns[which]!();
      samples[which]!.push(ms(start));
      samples[which]!.cpu.push(cpuMs() - cpu);
    }
  }
  return samples;
}

const bench: Benchmark = {
  area: 'dashboard',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-dashboard-'));
    const dbs = await Promise.all(['inventory', 'agents', 'local'].map((n) => openDatabase(dir, n)));
    const [inventory, agents, local] = dbs as [Database, Database, Database];
    try {
      console.log(`  seeding ${ITEMS} items and ${SALES} sales…`);
      await seed(inventory);

      let start = now();
      const raw = await Promise.all(
        ['sale:', 'move:'].map((p) => inventory.allDocs({ startkey: p, endkey: `${p}\uffff`, include_docs: true })),
      );
      const rawLoadMs = ms(start);
      start = now();
      const ledger = new SalesLedger(inventory, null);
      await ledger.ready;
      const ledgerLoadMs = ms(start);
      await ledger.stop();
      void raw;

      const events = new EventBus();
      const settings = new SettingsStore(local, events);
      const ai = new AiService({ db: local, settings, secrets: new FileSecretStore(dir), events });
      const inv = await startInventory(inventory, dir, events, settings);
      const analytics = await AnalyticsService.start({
        inventoryDb: inventory,
        index: () => inv.service.index,
        agentsDb: agents,
        localDb: local,
        ai,
        events,
        dataDir: dir,
      });
      // The first call reads the agents and usage documents and builds the item mirror.
      start = now();
      await analytics.dashboard({});
      console.log(`  first dashboard after start: ${ms(start).toFixed(0)} ms`);
      const rows = inv.service.index.query({
        status: [...ITEM_STATUSES],
        sort: 'createdAt',
        dir: 'asc',
        offset: 0,
        limit: Number.MAX_SAFE_INTEGER,
      }).items;
      const sales = [...analytics.ledger.sales.values()];
      const filter = { from: '2025-01-01', to: '2025-12-31', category: [CATEGORIES[0]!, CATEGORIES[3]!] };
      // Subject and reference take turns call by call, so a busy moment slows both alike.
      const [all, filtered, reference] = (await timedInTurns([
        () => analytics.dashboard({}),
        () => analytics.dashboard(filter),
        () => plainLoop(rows, sales),
      ])) as [Samples, Samples, Samples];
      const check = await analytics.dashboard({});
      console.log(`  load average while measuring: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
      console.log(
        `  ${check.inventory.items} items, ${check.sales.orders} sales, ${check.sales.unitsReturned} returns; profit ${check.sales.profit}`,
      );

      await analytics.stop();
      await inv.stop();

      // A restart: the index and the sales ledger come back from their snapshots.
      start = now();
      const inv2 = await startInventory(inventory, dir, events, settings);
      const indexMs = ms(start);
      const analytics2 = await AnalyticsService.start({
        inventoryDb: inventory,
        index: () => inv2.service.index,
        agentsDb: agents,
        localDb: local,
        ai,
        events,
        dataDir: dir,
      });
      await analytics2.ledger.ready;
      const ledgerMs = ms(start) - indexMs;
      const again = await analytics2.dashboard({});
      const restartMs = ms(start);
      if (again.sales.orders !== check.sales.orders) throw new Error('the restarted dashboard lost sales');
      console.log(
        `  start + first dashboard after a restart: ${restartMs.toFixed(0)} ms (index ${indexMs.toFixed(0)}, ledger ${ledgerMs.toFixed(0)}, dashboard ${(restartMs - indexMs - ledgerMs).toFixed(0)})`,
      );
      await analytics2.stop();
      await inv2.stop();
      await ai.close();

      const row = (figure: string, samples: number[], p: number, cpu = false): BenchRow => {
        const value = percentile(samples, p);
        const ref = percentile(cpu ? reference.cpu : reference, 50);
        return {
          area: 'dashboard',
          figure,
          value,
          unit: 'ms',
          reference: `plain loop over the same arrays (p50${cpu ? ', CPU time' : ''})`,
          referenceValue: ref,
          ratio: value / ref,
          target: `≤ ${TARGET_MS} ms`,
          met: value <= TARGET_MS,
        };
      };
      const scale = `${ITEMS / 1000}k items + ${SALES / 1000}k sales`;
      return [
        row(`all analytics, ${scale}, p50`, all, 50),
        row(`all analytics, ${scale}, p95`, all, 95),
        row(`all analytics, ${scale}, CPU time p50`, all.cpu, 50, true),
        row('all analytics with date range + 2 categories, p95', filtered, 95),
        {
          area: 'dashboard',
          figure: 'sales ledger cold load (sale: + move: docs)',
          value: ledgerLoadMs,
          unit: 'ms',
          reference: 'raw allDocs include_docs of the same ranges',
          referenceValue: rawLoadMs,
          ratio: ledgerLoadMs / rawLoadMs,
          target: '≤ 1.5× raw allDocs',
          met: ledgerLoadMs <= rawLoadMs * 1.5,
        },
        {
          area: 'dashboard',
          figure: `start (index + analytics) and first dashboard after a restart, ${scale}`,
          value: restartMs,
          unit: 'ms',
          reference: 'raw allDocs include_docs of the sale: and move: ranges (a start without snapshots)',
          referenceValue: rawLoadMs,
          ratio: restartMs / rawLoadMs,
          target: '≤ 1000 ms',
          met: restartMs <= 1000,
        },
      ];
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
