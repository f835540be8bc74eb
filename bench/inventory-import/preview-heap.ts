/**
 * Peak heap while the core previews a 600k-row CSV at the contract's 100M-character limit
 * (the figure that took a core to 1.9 GB before previews streamed), beside the heap that
 * holds the same file parsed whole by papaparse, as previews used to. Measured in a process
 * of its own started with a 1 GB heap cap: in the benchmark's process the heap already holds
 * what earlier benchmarks left, and without a cap V8 lets garbage pile up far past what the
 * work needs. Finishing under the cap is the claim; the peak is what it reached.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import Papa from 'papaparse';
import { MAX_FILE_CHARS } from '../../src/shared/api';
import { createCore } from '../../src/main/core/core';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import type { BenchRow } from '../harness';

const ROWS = Number(process.env.BENCH_PREVIEW_ROWS ?? 600_000);
const MB = 1024 ** 2;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Short rows, as a plain stock list: 600k of them just fit in 100M characters. */
function makeCsv(rows: number): string {
  const parts = ['SKU,Title,Brand,Condition,Quantity,Cost,List price,Location,Notes'];
  for (let i = 0; i < rows; i++) {
    const n = String(i).padStart(7, '0');
    parts.push(
      `PRV-${n},Vintage denim jacket size M lot ${n} blue,Levi's,Used,${1 + (i % 3)},4.50,39.99,Shelf ${i % 97},Bought at the Sunday flea market; smoke-free home; measured flat ${i % 13}`,
    );
  }
  const text = parts.join('\n') + '\n';
  if (text.length > MAX_FILE_CHARS) throw new Error(`file of ${text.length} characters is over the contract's limit`);
  return text;
}

export function previewHeap(): Promise<BenchRow> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = fork(import.meta.filename, ['--child'], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=1024'],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (row) => resolve(row as BenchRow));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the preview ran out of its 1 GB heap or failed (exit ${code})`));
    });
  });
}

async function measure(): Promise<BenchRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-preview-heap-'));
  const core = await createCore(createBrowserPlatform(dir, 'bench'));
  try {
    let text: string | null = makeCsv(ROWS);
    const chars = text.length;
    gc();
    let peak = process.memoryUsage().heapUsed;
    // The preview yields to the event loop every 2,000 rows, so this sees its peak.
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const preview = await core.dispatch('inventory.import.preview', { text }, { transport: 'in-process' });
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    if (!preview.ok) throw new Error(preview.error.message);
    const counts = (preview.data as { counts: { rows: number; valid: number } }).counts;
    if (counts.rows !== ROWS || counts.valid !== ROWS) throw new Error(`preview counted ${JSON.stringify(counts)}`);

    // The reference: the same file parsed whole, its rows held (the old preview's first step).
    gc();
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    const whole = process.memoryUsage().heapUsed;
    if (parsed.data.length < ROWS) throw new Error('papaparse read fewer rows');
    text = null;
    console.log(
      `  (${ROWS} rows, ${(chars / 1e6).toFixed(1)}M characters; preview peak ${Math.round(peak / MB)} MB, whole parse ${Math.round(whole / MB)} MB)`,
    );
    return {
      area: 'inventory-import',
      figure: `peak heap during a preview of ${ROWS} rows (${(chars / 1e6).toFixed(0)}M characters; own process, 1 GB cap)`,
      value: peak / MB,
      unit: 'MB',
      reference: 'heap holding the same file parsed whole (papaparse)',
      referenceValue: whole / MB,
      ratio: peak / whole,
      target: '≤ 1 GB',
      met: peak <= 1024 * MB,
    };
  } finally {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  const row = await measure();
  process.send!(row, () => process.exit(0));
}
