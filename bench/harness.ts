/**
 * The shape every benchmark reports in. A figure is only printed beside a reference measured
 * in the same run (raw PouchDB, raw SDK, a plain in-memory scan), so the ratio means
 * something on a noisy machine.
 */
export interface BenchRow {
  area: string;
  figure: string;
  value: number;
  unit: string;
  /** What the figure is compared with, measured in the same run. */
  reference: string;
  referenceValue: number;
  /** value / referenceValue (lower is better unless the figure says otherwise). */
  ratio: number;
  /** The target from the issue, in words, e.g. "≤ 1.0× raw bulkDocs" or "≤ 10 ms". */
  target: string;
  /** Whether the target is met, judged by the benchmark itself. */
  met: boolean;
}

export interface Benchmark {
  area: string;
  run(): Promise<BenchRow[]>;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
export const now = () => process.hrtime.bigint();
