/**
 * The renderer's weight and its first usable page, each beside the same build in one chunk
 * (FLIPSYNC_RENDERER_UNSPLIT=1), built and measured in this same run:
 *
 * - initial JavaScript: the scripts index.html loads before the first render plus everything
 *   they import statically (minified bytes, 1 kB = 1000 bytes); lazily loaded pages excluded;
 * - time from navigation to a usable Inventory page at 100k items in Chromium through browser
 *   mode: the table shows rows and the search box takes input (median over rounds, subject and
 *   reference alternating first).
 *
 *   npm run bench renderer           (BENCH_ITEMS=20000 BENCH_ROUNDS=3 for a quicker run)
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { init, parse } from 'es-module-lexer';
import { chromium, type Browser } from '@playwright/test';
import { openDatabase } from '../../src/main/core/db/open';
import { bulkUpsertBySku } from '../../src/main/core/inventory/bulk';
import { LiveIndex } from '../../src/main/core/inventory/index/live-index';
import { snapshotPath } from '../../src/main/core/inventory/index/snapshot';
import { InventoryService } from '../../src/main/core/inventory/service';
import { startServe, type Served } from '../../test/e2e/serve';
import { generate } from '../inventory/index';
import { percentile, type Benchmark, type BenchRow } from '../harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const INITIAL_JS_TARGET_KB = 400;
const USABLE_TARGET_MS = 1000;

type Variant = 'split' | 'unsplit';

/** Builds the whole app (browser mode needs its server) into out/bench-renderer/<variant>. */
function build(variant: Variant): string {
  const outDir = path.join(ROOT, 'out', 'bench-renderer', variant);
  const bin = path.join(
    ROOT,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite',
  );
  const result = spawnSync(bin, ['build', '--outDir', outDir, '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, FLIPSYNC_RENDERER_UNSPLIT: variant === 'unsplit' ? '1' : '' },
  });
  if (result.status !== 0) throw new Error(`The ${variant} build failed.`);
  return outDir;
}

/** The scripts index.html starts with, and what they import statically, in minified bytes. */
async function initialJsBytes(rendererDir: string): Promise<number> {
  await init;
  const html = await readFile(path.join(rendererDir, 'index.html'), 'utf8');
  const entries = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((m) => path.resolve(rendererDir, m[1]!));
  if (entries.length === 0) throw new Error(`${rendererDir}/index.html loads no module script.`);
  const seen = new Set<string>();
  let bytes = 0;
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    bytes += Buffer.byteLength(code);
    const [imports] = parse(code);
    // Static imports and re-exports load with the file; import() is what loads later.
    for (const i of imports) {
      if (i.type !== 'static' && i.type !== 'reexport-star') continue;
      if (i.specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), i.specifier));
    }
  }
  return bytes;
}

/** 100k items in a data folder, with the index snapshot a running app would have left. */
async function seed(dataDir: string): Promise<void> {
  const db = await openDatabase(dataDir, 'inventory');
  const live = await LiveIndex.open(db, snapshotPath(dataDir));
  const created = await bulkUpsertBySku(new InventoryService(db, live), generate(N));
  if (created.created.length !== N) throw new Error(`created ${created.created.length} of ${N}`);
  await live.settle();
  await live.stop();
  await db.close();
}

/** Navigation start to: rows in the table and a search box that takes input, in ms. */
async function usableInventory(browser: Browser, served: Served): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${served.url}#/inventory`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      () => {
        const cell = document.querySelector('[data-testid="inventory-scroll"] [role="row"] .mono');
        const search = document.querySelector<HTMLInputElement>('input[aria-label="Search inventory"]');
        // Checked once per frame: a frame that runs at all means the main thread is free.
        return cell?.textContent && search && !search.disabled && !search.readOnly ? performance.now() : false;
      },
      null,
      { polling: 'raf', timeout: 120_000 },
    );
    const at = (await handle.jsonValue()) as number;
    // And it really does: a typed word lands in the box and narrows the count.
    const search = page.getByLabel('Search inventory');
    await search.pressSequentially('nike');
    await page.waitForFunction(
      () => {
        const box = document.querySelector<HTMLInputElement>('input[aria-label="Search inventory"]');
        const count = document.querySelector('[data-testid="inventory-count"]')?.textContent ?? '';
        return box?.value === 'nike' && /^[\d,]+ items?$/.test(count) && !count.startsWith('100,000');
      },
      null,
      { timeout: 120_000 },
    );
    return at;
  } finally {
    await context.close();
  }
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
  area: 'renderer',
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
  area: 'renderer',
  async run() {
    const work = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-renderer-'));
    const servers: Served[] = [];
    let browser: Browser | null = null;
    try {
      const out = { split: build('split'), unsplit: build('unsplit') };
      const initial = {
        split: await initialJsBytes(path.join(out.split, 'renderer')),
        unsplit: await initialJsBytes(path.join(out.unsplit, 'renderer')),
      };
      const rows = [
        row(
          'initial JavaScript (minified)',
          initial.split / 1000,
          'kB',
          'same build, one chunk',
          initial.unsplit / 1000,
          `≤ ${INITIAL_JS_TARGET_KB} kB`,
          initial.split / 1000 <= INITIAL_JS_TARGET_KB,
        ),
      ];

      // One data folder each: a folder is held by one running FlipSync at a time.
      const data = { split: path.join(work, 'split'), unsplit: path.join(work, 'unsplit') };
      await mkdir(data.split);
      await seed(data.split);
      await cp(data.split, data.unsplit, { recursive: true });
      const served = {
        split: await startServe(data.split, path.join(out.split, 'main', 'serve.js')),
        unsplit: await startServe(data.unsplit, path.join(out.unsplit, 'main', 'serve.js')),
      };
      servers.push(served.split, served.unsplit);
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
      });
      // A first visit each, not counted: it loads the core's index, which a running app has done.
      for (const v of ['split', 'unsplit'] as const) await usableInventory(browser, served[v]);
      const times: Record<Variant, number[]> = { split: [], unsplit: [] };
      for (let round = 0; round < ROUNDS; round++) {
        const order: Variant[] = round % 2 === 0 ? ['split', 'unsplit'] : ['unsplit', 'split'];
        for (const v of order) times[v].push(await usableInventory(browser, served[v]));
      }
      const median = { split: percentile(times.split, 50), unsplit: percentile(times.unsplit, 50) };
      rows.push(
        row(
          `navigation to usable Inventory, ${N.toLocaleString('en-US')} items, median of ${ROUNDS}`,
          median.split,
          'ms',
          'same build, one chunk',
          median.unsplit,
          `≤ ${USABLE_TARGET_MS} ms`,
          median.split <= USABLE_TARGET_MS,
        ),
        row(
          'navigation to usable Inventory, slowest round',
          Math.max(...times.split),
          'ms',
          'same build, one chunk',
          Math.max(...times.unsplit),
          'info',
          true,
        ),
      );
      return rows;
    } finally {
      await browser?.close();
      await Promise.all(servers.map((s) => s.stop()));
      await rm(work, { recursive: true, force: true });
      await rm(path.join(ROOT, 'out', 'bench-renderer'), { recursive: true, force: true });
    }
  },
};

export default bench;
