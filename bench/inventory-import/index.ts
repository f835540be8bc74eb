/**
 * CSV import of 100k rows through the real route (parse, map, validate, upsert by SKU,
 * index, progress events) beside raw PouchDB bulkDocs of the very documents the import
 * wrote, into a fresh database, measured in this same run.
 *
 * Also the peak heap of a 600k-row preview (preview-heap.ts).
 *
 *   npm run bench inventory-import          (BENCH_ITEMS=20000 for a quicker run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { createCore } from '../../src/main/core/core';
import { openDatabase } from '../../src/main/core/db/open';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { ms, now, type Benchmark, type BenchRow } from '../harness';
import { previewHeap } from './preview-heap';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
/** Documents per raw bulkDocs call: what one import chunk writes (items plus movements). */
const RAW_CHUNK = 4000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const BRANDS = ['Nike', 'Adidas', "Levi's", 'Patagonia', 'Apple', 'Sony', 'Nintendo', 'LEGO', 'Pyrex', 'Coach'];
const CATEGORIES = ["Men's Shoes", "Women's Clothing", 'Cameras & Photo', 'Video Games', 'Kitchen', 'Handbags'];
const WORDS =
  'vintage rare new used excellent condition size large medium black blue red leather cotton wool original box tested working sealed retro classic limited edition authentic mint'.split(
    ' ',
  );

/** A Seller-Hub-like file in our generic format: prices with $ and thousands, quoted descriptions. */
function makeCsv(n: number): string {
  let s = 42;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const header = ['SKU', 'Title', 'Description', 'Brand', 'Category', 'Condition', 'Quantity', 'Cost', 'List price'];
  const rows = Array.from({ length: n }, (_, i) => {
    const brand = pick(BRANDS);
    return [
      `${brand.slice(0, 3).toUpperCase()}-${String(i).padStart(6, '0')}`,
      `${brand} ${words(7)}`.slice(0, 80),
      `${words(30)},\nships fast, smoke-free home.`,
      brand,
      pick(CATEGORIES),
      pick(['New', 'Used', 'Pre-owned']),
      String(1 + Math.floor(r() * 3)),
      `$${(r() * 30).toFixed(2)}`,
      `$${(5 + r() * 1500).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    ];
  });
  return `\ufeff${Papa.unparse([header, ...rows], { newline: '\r\n' })}\r\n`;
}

const row = (
  figure: string,
  value: number,
  reference: string,
  referenceValue: number,
  target: string,
  met: boolean,
): BenchRow => ({
  area: 'inventory-import',
  figure,
  value,
  unit: 'ms',
  reference,
  referenceValue,
  ratio: value / referenceValue,
  target,
  met,
});

interface Round {
  previewMs: number;
  importMs: number;
  rawMs: number;
  /** Share of the time the main thread was busy (event-loop utilisation), 0–1. */
  importBusy: number;
  rawBusy: number;
  docs: number;
  events: number;
}

/** Raw bulkDocs of the given docs (in write order) into a fresh database. */
async function rawWrite(dir: string, docs: Record<string, unknown>[]): Promise<{ rawMs: number; rawBusy: number }> {
  const raw = await openDatabase(path.join(dir, 'raw'), 'inventory');
  const t = now();
  const elu = performance.eventLoopUtilization();
  for (let i = 0; i < docs.length; i += RAW_CHUNK) await raw.bulkDocs(docs.slice(i, i + RAW_CHUNK));
  const rawMs = ms(t);
  const rawBusy = performance.eventLoopUtilization(elu).utilization;
  await raw.close();
  return { rawMs, rawBusy };
}

/**
 * One import into a fresh core and raw bulkDocs of the documents an import writes, into a
 * fresh database. `rawFirst` rounds write the previous round's documents (same shape and
 * size) before importing, so neither side always runs on the warmer machine.
 */
async function round(
  dir: string,
  text: string,
  rawFirst?: Record<string, unknown>[],
): Promise<Round & { written: Record<string, unknown>[] }> {
  const before = rawFirst ? await rawWrite(dir, rawFirst) : null;
  const core = await createCore(createBrowserPlatform(path.join(dir, 'app'), 'bench'));
  let events = 0;
  core.events.on('inventory.import.progress', () => events++);
  let t = now();
  const preview = await core.dispatch('inventory.import.preview', { text }, { transport: 'in-process' });
  const previewMs = ms(t);
  if (!preview.ok) throw new Error(preview.error.message);
  t = now();
  const elu = performance.eventLoopUtilization();
  const result = await core.dispatch('inventory.import.run', { text }, { transport: 'in-process' });
  const importMs = ms(t);
  const importBusy = performance.eventLoopUtilization(elu).utilization;
  if (!result.ok) throw new Error(result.error.message);
  const data = result.data as { created: number; errorCount: number };
  if (data.created !== N || data.errorCount !== 0) throw new Error(`imported ${JSON.stringify(data)}`);

  const written = await core.inventory.db.changes({ include_docs: true, return_docs: true });
  const docs = written.results.map((r) => {
    const { _rev, ...doc } = r.doc as unknown as { _rev: string } & Record<string, unknown>;
    void _rev;
    return doc;
  });
  await core.close();
  const { rawMs, rawBusy } = before ?? (await rawWrite(dir, docs));
  return { previewMs, importMs, rawMs, importBusy, rawBusy, docs: docs.length, events, written: docs };
}

const bench: Benchmark = {
  area: 'inventory-import',
  async run() {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-import-'));
    try {
      const text = makeCsv(N);
      // Alternating rounds, best of each: a busy machine slows one run, not the comparison.
      const rounds: Round[] = [];
      let previous: Record<string, unknown>[] | undefined;
      for (let i = 0; i < ROUNDS; i++) {
        const r = await round(path.join(dir, String(i)), text, i % 2 === 1 ? previous : undefined);
        previous = r.written;
        rounds.push(r);
      }
      const best = (pick: (r: Round) => number) => Math.min(...rounds.map(pick));
      const importMs = best((r) => r.importMs);
      const rawMs = best((r) => r.rawMs);
      const { docs, events } = rounds[0]!;
      console.log(
        `  (${docs} documents, ${(text.length / 1e6).toFixed(1)} MB of CSV, ${events} progress events, best of ${ROUNDS})`,
      );
      return [
        row(
          `CSV import of ${N} rows via inventory.import.run`,
          importMs,
          'raw bulkDocs, same docs',
          rawMs,
          '≤ 1.3× raw bulkDocs',
          importMs <= 1.3 * rawMs,
        ),
        // Why the ratio has a floor: raw bulkDocs alone keeps the main thread this busy, and
        // the import does the same writes plus parsing, checking and indexing on that thread.
        {
          area: 'inventory-import',
          figure: 'main thread busy during the import (event-loop utilisation)',
          value: 100 * rounds[0]!.importBusy,
          unit: '%',
          reference: 'during raw bulkDocs of the same docs',
          referenceValue: 100 * rounds[0]!.rawBusy,
          ratio: rounds[0]!.importBusy / rounds[0]!.rawBusy,
          target: 'info',
          met: true,
        },
        row(
          `CSV preview of ${N} rows (parse, map, validate)`,
          best((r) => r.previewMs),
          'raw bulkDocs, same docs',
          rawMs,
          'info',
          true,
        ),
        await previewHeap(),
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
