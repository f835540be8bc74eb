/**
 * `npm run bench`: runs every benchmark in bench/<area>/index.ts (or the areas named on the
 * command line), prints one table and writes it to bench/results/latest.json with the machine
 * and the commit; a full run is also written to bench/results/<date>.json, to be committed.
 */
import { spawnSync } from 'node:child_process';
import { readdir, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark, BenchRow } from './harness';

const fmt = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : String(n));
const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const areas = (await readdir(dir, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && e.name !== 'results' && (wanted.length === 0 || wanted.includes(e.name)))
  .map((e) => e.name)
  .sort();

const rows: BenchRow[] = [];
for (const area of areas) {
  const mod = (await import(pathToFileURL(path.join(dir, area, 'index.ts')).href)) as { default: Benchmark };
  console.log(`\n▶ ${area}`);
  const result = await mod.default.run();
  for (const row of result)
    console.log(`  ${row.figure}: ${fmt(row.value)} ${row.unit} (ref ${fmt(row.referenceValue)})`);
  rows.push(...result);
}

console.log('');
console.table(
  rows.map((r) => ({
    area: r.area,
    figure: r.figure,
    value: `${fmt(r.value)} ${r.unit}`,
    reference: `${r.reference}: ${fmt(r.referenceValue)} ${r.unit}`,
    ratio: `${fmt(r.ratio)}×`,
    target: r.target,
    met: r.met ? 'yes' : 'NO',
  })),
);
await mkdir(path.join(dir, 'results'), { recursive: true });
const at = new Date().toISOString();
const record = JSON.stringify({ at, machine: machine(), commit: commit(), areas, rows }, null, 2);
const out = path.join(dir, 'results', 'latest.json');
await writeFile(out, record);
console.log(`Written to ${path.relative(process.cwd(), out)}`);
// A full run goes on the record (committed), so every figure the README cites can be checked.
if (wanted.length === 0) {
  const dated = path.join(dir, 'results', `${at.slice(0, 10)}.json`);
  await writeFile(dated, record);
  console.log(`Full run: also written to ${path.relative(process.cwd(), dated)} — commit it.`);
}

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg()[0],
  };
}

function commit() {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    id: git('rev-parse', 'HEAD') || 'unknown',
    dirty: git('status', '--porcelain', '--', '.', '../src').length > 0,
  };
}
