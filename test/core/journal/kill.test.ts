/**
 * Kill tests: 20 operations in a row, each in a child process killed (SIGKILL) at a seeded
 * point while it writes — a 5,000-row CSV import, then a "+10%" bulk edit of 17,000 items.
 * Each child starts on the folder the previous one was killed in, so the operations journal
 * must first finish the interrupted work; the child checks that every price and quantity is
 * exactly what the finished operation promised (a "+10%" applied once, never twice, no
 * quantity lost) and that the seller's notice counts the whole operation. A last core checks
 * the end state, and running the same operation again writes nothing.
 */
import { cp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDoc } from '../../../src/main/core/inventory/docs';
import { inProcess, startCore } from '../../support/core';
import { bundleChild, runBundled, testCacheDir } from '../../support/bundle-child';
import { tempDir } from '../../support/temp-dir';
import { problems, type ChildTask } from './kill-child';

const SEED = 20261203;
const POINTS = 20;
const IMPORT_ROWS = 5000;
const EDIT_ITEMS = 17000;

/** mulberry32: a small seeded generator, so a failing point can be run again exactly. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let bundle = '';

interface ChildRun {
  killed: boolean;
  writes: number | null;
  problems: string[];
}

let tasks = 0;
async function runChild(task: ChildTask): Promise<ChildRun> {
  // In a file: 17,000 expected prices do not fit on a command line.
  const file = path.join(path.dirname(bundle), `task-${++tasks}.json`);
  await writeFile(file, JSON.stringify(task));
  const run = await runBundled(bundle, [file], { FLIPSYNC_KILL_CHILD: '1' });
  if (run.killed) return { killed: true, writes: null, problems: [] };
  return { killed: false, ...(JSON.parse(run.out) as { writes: number; problems: string[] }) };
}

/** Runs the chain: op k is killed at a seeded write; op k+1's child checks what op k promised. */
async function chain(
  dir: string,
  kind: ChildTask['kind'],
  seed: number,
  step: (k: number) => Promise<{ csvFile?: string; after: NonNullable<ChildTask['expect']>; count: number }>,
  before: ChildTask['expect'],
) {
  const random = seeded(seed);
  const measured = await runChild({
    csvFile: (await step(0)).csvFile,
    dataDir: `${dir}-measure`,
    kind,
    operationId: ulid(),
    killAt: 0,
    extraMs: 0,
    expect: null,
    finished: null,
  });
  const writes = measured.writes!;
  expect(writes).toBeGreaterThan(1);
  let expectNow = before;
  let finished: ChildTask['finished'] = null;
  let killed = 0;
  let last = '';
  for (let k = 0; k < POINTS; k++) {
    const { csvFile, after, count } = await step(k);
    last = ulid();
    const killAt = 1 + Math.floor(random() * writes);
    const run = await runChild({
      dataDir: dir,
      kind,
      operationId: last,
      killAt,
      extraMs: Math.floor(random() * 20),
      csvFile,
      expect: expectNow,
      finished,
    });
    expect(run.problems, `on the start after operation ${k - 1}`).toEqual([]);
    if (run.killed) killed++;
    expectNow = after;
    finished = run.killed ? { id: last, count } : null;
  }
  // The seeded points fall mid-work: most operations really were killed.
  expect(killed).toBeGreaterThan(POINTS / 2);

  const core = await startCore(dir);
  try {
    expect(await problems(core, { expect: expectNow, finished })).toEqual([]);
    return { core, last };
  } catch (error) {
    await core.close();
    throw error;
  }
}

// The two chains run side by side: each waits on its child processes, and a CI machine's
// second core is otherwise idle by the time this long file finishes.
describe('a kill at any moment of an import or a bulk edit', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let cache = '';
  beforeAll(async () => {
    tmp = await tempDir('flipsync-kill-');
    cache = testCacheDir(path.basename(tmp.path));
    bundle = await bundleChild(path.join(import.meta.dirname, 'kill-child.ts'), path.basename(tmp.path));
  });
  afterAll(async () => {
    await tmp.remove();
    await rm(cache, { recursive: true, force: true });
  });

  it.concurrent(
    `loses no quantity in 20 killed ${IMPORT_ROWS.toLocaleString('en-US')}-row imports`,
    async () => {
      // Import k sets every price to base + k and every quantity to 7 + k: the first creates
      // the items, the others update them (the item, then its stock movement).
      const prices = (k: number) =>
        Object.fromEntries(Array.from({ length: IMPORT_ROWS }, (_, i) => [`KILL-${i}`, 10 + (i % 90) + k]));
      const step = async (k: number) => {
        const csvFile = path.join(tmp.path, `import-${k}.csv`);
        const p = prices(k);
        const lines = [
          'SKU,Title,Price,Quantity',
          ...Object.keys(p).map((sku) => `${sku},Item ${sku},${p[sku]},${7 + k}`),
        ];
        await writeFile(csvFile, lines.join('\n'));
        return { csvFile, after: { items: IMPORT_ROWS, prices: p, quantity: 7 + k }, count: IMPORT_ROWS };
      };
      const { core, last } = await chain(path.join(tmp.path, 'import'), 'import', SEED, step, null);
      try {
        // The same import again (a retry of the last request): recognised, nothing written.
        const seq = (await core.inventory.db.info()).update_seq;
        const text = await import('node:fs/promises').then((fs) =>
          fs.readFile(path.join(tmp.path, `import-${POINTS - 1}.csv`), 'utf8'),
        );
        const again = await core.dispatch(
          'inventory.import.run',
          { text, fileName: 'stock.csv', importId: last },
          inProcess,
        );
        expect(again.ok).toBe(true);
        expect((await core.inventory.db.info()).update_seq).toBe(seq);
      } finally {
        await core.close();
      }
    },
    1_800_000,
  );

  it.concurrent(
    `applies each of 20 killed "+10%" bulk edits of ${EDIT_ITEMS.toLocaleString('en-US')} items exactly once`,
    async () => {
      const dir = path.join(tmp.path, 'edit');
      const seedCore = await startCore(dir);
      const lines = ['SKU,Title,Price,Quantity'];
      for (let i = 0; i < EDIT_ITEMS; i++) lines.push(`EDIT-${i},Edit item ${i},${(10 + (i % 90)).toFixed(2)},1`);
      const seeded = await seedCore.dispatch(
        'inventory.import.run',
        { text: lines.join('\n'), fileName: 'seed.csv' },
        inProcess,
      );
      expect(seeded.ok).toBe(true);
      const docs = await seedCore.inventory.db.allDocs<ItemDoc>({
        startkey: 'item:',
        endkey: 'item:\uffff',
        include_docs: true,
      });
      await seedCore.close();
      await cp(dir, `${dir}-measure`, { recursive: true });
      // Price after k+1 edits, rounded to the cent at each, as each edit does.
      const base = Object.fromEntries(docs.rows.map((r) => [r.doc!.fields.sku, r.doc!.fields.listPrice!]));
      const history = [base];
      const prices = (k: number) => {
        while (history.length <= k + 1) {
          const prev = history.at(-1)!;
          history.push(
            Object.fromEntries(Object.entries(prev).map(([sku, p]) => [sku, Math.round(p * 1.1 * 100) / 100])),
          );
        }
        return history[k + 1]!;
      };
      const step = async (k: number) => ({
        after: { items: EDIT_ITEMS, prices: prices(k), quantity: null },
        count: EDIT_ITEMS,
      });
      const { core, last } = await chain(dir, 'bulkEdit', SEED + 1, step, {
        items: EDIT_ITEMS,
        prices: base,
        quantity: null,
      });
      try {
        const seq = (await core.inventory.db.info()).update_seq;
        const again = await core.dispatch(
          'inventory.bulkEdit',
          { filter: {}, change: { price: { byPercent: 10 } }, operationId: last },
          inProcess,
        );
        expect(again.ok && (again.data as { changed: number }).changed).toBe(EDIT_ITEMS);
        expect((await core.inventory.db.info()).update_seq).toBe(seq);
      } finally {
        await core.close();
      }
    },
    1_800_000,
  );
});
