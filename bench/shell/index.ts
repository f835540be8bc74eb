/**
 * The desktop shell's process boundary, with the core in a Node child process standing in
 * for Electron's utility process (same host, same connection code):
 * - added latency of a route through the boundary, beside the same route called directly
 *   on a core in this process, measured in the same run;
 * - this (the main) process's event-loop delay while the child imports 100k CSV rows,
 *   beside the same import run in this process (what the main process suffered before).
 *
 *   npm run bench shell          (BENCH_ITEMS=20000 for a quicker run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Papa from 'papaparse';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { createCore, type Core } from '../../src/main/core/core';
import { FileSecretStore } from '../../src/main/core/platform/file-secrets';
import { CoreConnection } from '../../src/main/host/core-connection';
import { launchNodeCore } from '../../src/main/host/node-launcher';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const ROUTE = 'settings.get';
const inProcess = { transport: 'in-process' } as const;

function makeCsv(n: number): string {
  const header = ['SKU', 'Title', 'Brand', 'Category', 'Condition', 'Quantity', 'Cost', 'List price'];
  const rows = Array.from({ length: n }, (_, i) => [
    `SKU-${String(i).padStart(6, '0')}`,
    `Vintage item ${i} excellent condition original box`,
    ['Nike', 'Sony', 'LEGO', 'Pyrex'][i % 4]!,
    ['Cameras & Photo', 'Kitchen', 'Video Games'][i % 3]!,
    i % 2 ? 'Used' : 'New',
    String(1 + (i % 3)),
    `$${(i % 30).toFixed(2)}`,
    `$${(5 + (i % 1500)).toFixed(2)}`,
  ]);
  return `${Papa.unparse([header, ...rows], { newline: '\r\n' })}\r\n`;
}

/** Event-loop delay of this process (p99, ms) while `work` runs. */
async function loopDelayDuring(work: () => Promise<void>): Promise<{ p99: number; max: number; ms: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const t = now();
  await work();
  const took = ms(t);
  histogram.disable();
  return { p99: histogram.percentile(99) / 1e6, max: histogram.max / 1e6, ms: took };
}

const bench: Benchmark = {
  area: 'shell',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-shell-'));
    let direct: Core | null = null;
    let connection: CoreConnection | null = null;
    try {
      direct = await createCore(createBrowserPlatform(path.join(dir, 'direct'), 'bench'));
      connection = new CoreConnection({
        launch: () => launchNodeCore(),
        dataDir: path.join(dir, 'child'),
        appVersion: 'bench',
        shell: 'electron',
        secrets: new FileSecretStore(path.join(dir, 'keychain')),
        notifier: { notify: () => undefined },
      });
      await connection.start();

      // Warm both paths, then alternate blocks so a busy moment hits both alike.
      const viaPort: number[] = [];
      const viaCall: number[] = [];
      for (let i = 0; i < 200; i++) {
        await direct.dispatch(ROUTE, {}, inProcess);
        await connection.dispatch(ROUTE, {});
      }
      for (let block = 0; block < 20; block++) {
        for (let i = 0; i < CALLS / 20; i++) {
          let t = now();
          const a = await direct.dispatch(ROUTE, {}, inProcess);
          viaCall.push(ms(t));
          t = now();
          const b = await connection.dispatch(ROUTE, {});
          viaPort.push(ms(t));
          if (!a.ok || !b.ok) throw new Error('settings.get failed');
        }
      }
      const p95Port = percentile(viaPort, 95);
      const p95Call = percentile(viaCall, 95);
      const added = p95Port - p95Call;
      console.log(
        `  (${CALLS} calls of ${ROUTE} each; p50 ${percentile(viaPort, 50).toFixed(3)} vs ${percentile(viaCall, 50).toFixed(3)} ms)`,
      );

      // This machine's own noise: the delay of this process doing nothing, in the same run.
      const idle = await loopDelayDuring(() => new Promise((r) => setTimeout(r, 5_000)));
      const text = makeCsv(N);
      const child = await loopDelayDuring(async () => {
        const r = await connection!.dispatch('inventory.import.run', { text });
        if (!r.ok) throw new Error(r.error.message);
      });
      const here = await loopDelayDuring(async () => {
        const r = await direct!.dispatch('inventory.import.run', { text }, inProcess);
        if (!r.ok) throw new Error(r.error.message);
      });
      console.log(
        `  (import of ${N} rows: ${(child.ms / 1000).toFixed(1)} s in the child, ${(here.ms / 1000).toFixed(1)} s in this process; max delay ${child.max.toFixed(1)} vs ${here.max.toFixed(1)} ms)`,
      );

      const rows: BenchRow[] = [
        {
          area: 'shell',
          figure: `added latency of ${ROUTE} through the process boundary (p95)`,
          value: added,
          unit: 'ms',
          reference: 'p95 of the same route called directly',
          referenceValue: p95Call,
          ratio: p95Port / p95Call,
          target: '≤ 1 ms added',
          met: added <= 1,
        },
        {
          area: 'shell',
          figure: `main event-loop delay p99 while the core process imports ${N} rows`,
          value: child.p99,
          unit: 'ms',
          reference: 'the same import run in the main process',
          referenceValue: here.p99,
          ratio: child.p99 / here.p99,
          target: '≤ 20 ms',
          met: child.p99 <= 20,
        },
        {
          area: 'shell',
          figure: 'main event-loop delay p99 while idle (the machine noise floor)',
          value: idle.p99,
          unit: 'ms',
          reference: 'the same import run in the main process',
          referenceValue: here.p99,
          ratio: idle.p99 / here.p99,
          target: 'info',
          met: true,
        },
      ];
      return rows;
    } finally {
      await connection?.close();
      await direct?.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
