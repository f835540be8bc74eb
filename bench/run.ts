/**
 * `npm run bench`: runs every benchmark in bench/<area>/index.ts (or the areas named on the
 * command line), prints one table and writes it to bench/results/latest.json.
 */
import { readdir, mkdir, writeFile } from 'node:fs/promises';
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
const out = path.join(dir, 'results', 'latest.json');
await writeFile(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
console.log(`Written to ${path.relative(process.cwd(), out)}`);
