/**
 * The Approvals page with 10,000 waiting proposals, in Chromium through browser mode: time
 * from navigation until the first card shows (then checked: the keyboard moves the focus), beside the
 * same page with nothing waiting, measured in the same run (median over rounds, alternating
 * which goes first). The proposals are made through the same store the agents use.
 *
 *   npm run bench approvals          (BENCH_PROPOSALS=2000 BENCH_ROUNDS=3 for a quicker run)
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startServe, type Served } from '../../test/e2e/serve';
import { seedProposals } from '../../test/support/seed-proposals';
import { percentile, type Benchmark } from '../harness';

const ROOT = path.resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_PROPOSALS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const TARGET_MS = 1000;

function build(): string {
  const outDir = path.join(ROOT, 'out', 'bench-approvals');
  const bin = path.join(ROOT, 'node_modules', '.bin', 'electron-vite');
  const result = spawnSync(bin, ['build', '--outDir', outDir, '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed.');
  return outDir;
}

/**
 * Navigation start to: the page ready (first card, or the empty state) and j moving the focus;
 * and to every waiting proposal loaded ("Select all 10,000"). The page stays open until then,
 * so no round's loading runs on into the next round's measurement.
 */
async function usable(browser: Browser, served: Served, empty: boolean): Promise<{ at: number; all: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(`${served.url}#/approvals`, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(
      (empty) => {
        const ready = empty
          ? document.querySelector('[data-testid="approvals-empty"]')
          : document.querySelector('[data-testid^="proposal-proposal:"]');
        return ready ? performance.now() : false;
      },
      empty,
      { polling: 'raf', timeout: 120_000 },
    );
    const at = (await handle.jsonValue()) as number;
    if (!empty) {
      const cards = page.locator('[data-testid^="proposal-proposal:"]');
      await cards.first().focus();
      await page.keyboard.press('j');
      await page.waitForFunction(
        () =>
          document.querySelectorAll('[data-testid^="proposal-proposal:"]')[1]?.getAttribute('aria-current') === 'true',
        null,
        { timeout: 120_000 },
      );
      const all = await page.waitForFunction(
        (label) => (document.querySelector('.select-all')?.textContent?.includes(label) ? performance.now() : false),
        `Select all ${N.toLocaleString('en-US')}`,
        { polling: 'raf', timeout: 120_000 },
      );
      return { at, all: (await all.jsonValue()) as number };
    }
    return { at, all: at };
  } finally {
    await context.close();
  }
}

const bench: Benchmark = {
  area: 'approvals',
  async run() {
    const work = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-approvals-'));
    const servers: Served[] = [];
    let browser: Browser | null = null;
    try {
      const out = build();
      const data = { full: path.join(work, 'full'), empty: path.join(work, 'empty') };
      await mkdir(data.full);
      await mkdir(data.empty);
      await seedProposals(data.full, [{ agent: 'pricing', kind: 'price', count: N }]);
      const entry = path.join(out, 'main', 'serve.js');
      const served = { full: await startServe(data.full, entry), empty: await startServe(data.empty, entry) };
      servers.push(served.full, served.empty);
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
      });
      // A first visit each, not counted (the core opens its databases on the first call).
      await usable(browser, served.full, false);
      await usable(browser, served.empty, true);
      const times = { full: [] as number[], empty: [] as number[] };
      const loadedAll: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (['full', 'empty'] as const) : (['empty', 'full'] as const);
        for (const v of order) {
          const t = await usable(browser, served[v], v === 'empty');
          times[v].push(t.at);
          if (v === 'full') loadedAll.push(t.all);
        }
      }
      const value = percentile(times.full, 50);
      const reference = percentile(times.empty, 50);
      const all = percentile(loadedAll, 50);
      return [
        {
          area: 'approvals',
          figure: `navigation to usable Approvals, ${N.toLocaleString('en-US')} waiting proposals, median of ${ROUNDS}`,
          value,
          unit: 'ms',
          reference: 'the same page with nothing waiting',
          referenceValue: reference,
          ratio: value / reference,
          target: `≤ ${TARGET_MS} ms`,
          met: value <= TARGET_MS,
        },
        {
          area: 'approvals',
          figure: `navigation to all ${N.toLocaleString('en-US')} loaded ("Select all" counts them), median of ${ROUNDS}`,
          value: all,
          unit: 'ms',
          reference: 'the same page with nothing waiting',
          referenceValue: reference,
          ratio: all / reference,
          target: 'info: they load a thousand per call after the first 20 show',
          met: true,
        },
      ];
    } finally {
      await browser?.close();
      await Promise.all(servers.map((s) => s.stop()));
      await rm(work, { recursive: true, force: true });
      await rm(path.join(ROOT, 'out', 'bench-approvals'), { recursive: true, force: true });
    }
  },
};

export default bench;
