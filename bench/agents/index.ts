/**
 * Inventory health scan (rules only) over 100k items, beside a direct loop that applies the
 * same five rules to the same rows. Also the proposals the scan would draft, since a seller's
 * scan does that too.
 *
 *   npm run bench agents          (BENCH_ITEMS=20000 for a quicker run)
 */
import { proposalsFor } from '../../src/main/core/agents/definitions/health';
import { scanHealth, type HealthRow } from '../../src/main/core/agents/health/scan';
import { estimateFees } from '../../src/main/core/agents/pricing/fees';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';
import { sentenceMoney } from '../../src/shared/domain/money';
import { pricingRows } from './pricing';

const N = Number(process.env.BENCH_ITEMS ?? 100_000);
const REPEAT = 15;
const money = sentenceMoney('USD');
const STATUSES = ['draft', 'ready', 'listed', 'listed', 'listed', 'sold', 'archived'];

function generate(n: number): HealthRow[] {
  let s = 7;
  const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) => {
    const cost = Math.round(r() * 3000) / 100;
    return {
      id: `item:${String(i).padStart(26, '0')}`,
      rev: '1-abc',
      sku: `SKU-${i}`,
      title: `Item ${i}`,
      status: STATUSES[Math.floor(r() * STATUSES.length)]!,
      quantity: Math.floor(r() * 5),
      cost,
      listPrice: r() < 0.05 ? null : Math.round(500 + r() * 30000) / 100,
      fees: null,
      listedAt: `202${4 + Math.floor(r() * 2)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`,
      brand: r() < 0.5 ? 'Nike' : '',
      condition: 'Used',
      photos: r() < 0.1 ? 0 : 3,
      specifics: r() < 0.2 ? 0 : 4,
    };
  });
}

function time(fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = now();
    fn();
    samples.push(ms(t));
  }
  return percentile(samples, 50);
}

const bench: Benchmark = {
  area: 'agents',
  async run(): Promise<BenchRow[]> {
    const rows = generate(N);
    const rules = { today: '2026-01-10', staleListingDays: 60, lowStockThreshold: 1 };
    let sink = 0;
    // The reference applies the same five rules in the most direct way (dates as Date objects,
    // a list of problems for every row), so the ratio shows what the scan's care buys.
    const plain = time(() => {
      const staleMs = Date.parse(`${rules.today}T00:00:00Z`) - rules.staleListingDays * 86_400_000;
      const found: { id: string; problems: string[] }[] = [];
      for (const r of rows) {
        if (r.status === 'sold' || r.status === 'archived') continue;
        const forSale = r.status === 'listed' || r.status === 'ready';
        const problems: string[] = [];
        if (r.status === 'listed' && r.listedAt && Date.parse(`${r.listedAt}T00:00:00Z`) <= staleMs)
          problems.push('stale');
        if (forSale && r.quantity <= rules.lowStockThreshold) problems.push('lowStock');
        if (r.photos === 0) problems.push('noPhotos');
        if (r.specifics === 0) problems.push('noSpecifics');
        if (
          forSale &&
          r.cost !== null &&
          r.listPrice !== null &&
          r.listPrice < r.cost + (r.fees ?? estimateFees(r.listPrice))
        )
          problems.push('belowCost');
        if (problems.length > 0) found.push({ id: r.id, problems });
      }
      sink += found.length;
    });
    const scan = time(() => {
      sink += scanHealth(rows, rules).findings.length;
    });
    const draft = time(() => {
      for (const f of scanHealth(rows, rules).findings)
        sink += proposalsFor(f, { marginPct: 30, belowBreakEven: false }, money).length;
    });
    if (sink < 0) console.log(sink);
    const row = (figure: string, value: number): BenchRow => ({
      area: 'agents',
      figure,
      value,
      unit: 'ms',
      reference: `direct loop applying the same rules to the same ${N} rows`,
      referenceValue: plain,
      ratio: value / plain,
      target: '≤ 1000 ms for 100k items',
      met: value <= 1000 * (N / 100_000),
    });
    return [
      row(`health scan, ${N} items (median of ${REPEAT})`, scan),
      row(`scan + draft proposals, ${N} items`, draft),
      ...(await pricingRows()),
    ];
  },
};

export default bench;
