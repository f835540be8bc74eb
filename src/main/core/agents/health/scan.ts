/**
 * The inventory health rules, as one pass over plain rows with no model and no database:
 * the scheduled scan, the on-demand scan and the benchmark all run exactly this.
 */
import { estimateFees, type FeeModel } from '../pricing/fees';

export interface HealthRow {
  id: string;
  rev: string;
  sku: string;
  title: string;
  status: string;
  quantity: number;
  cost: number | null;
  listPrice: number | null;
  /** Fees recorded on the item; null: estimated from the price. */
  fees: number | null;
  listedAt: string | null;
  brand: string;
  condition: string;
  photos: number;
  specifics: number;
}

export const PROBLEMS = ['stale', 'lowStock', 'noPhotos', 'noSpecifics', 'belowCost'] as const;
export type Problem = (typeof PROBLEMS)[number];

export interface Finding {
  row: HealthRow;
  problems: Problem[];
}

export interface ScanRules {
  /** YYYY-MM-DD */
  today: string;
  staleListingDays: number;
  lowStockThreshold: number;
  /** The fee table in force (feesInForce); eBay US's when not given. */
  fees?: FeeModel;
}

export interface ScanResult {
  scanned: number;
  findings: Finding[];
  counts: Record<Problem, number>;
}

export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export function scanHealth(rows: readonly HealthRow[], rules: ScanRules): ScanResult {
  // Listed on or before this day means listed for at least staleListingDays.
  const staleBy = daysBefore(rules.today, rules.staleListingDays);
  const counts: Record<Problem, number> = { stale: 0, lowStock: 0, noPhotos: 0, noSpecifics: 0, belowCost: 0 };
  const findings: Finding[] = [];
  for (const row of rows) {
    const s = row.status;
    // Sold and archived items are done; drafts are still being written.
    const forSale = s === 'listed' || s === 'ready';
    if (!forSale && s !== 'draft') continue;
    // Plain booleans first: most rows are healthy and must cost no allocation.
    const stale = s === 'listed' && row.listedAt !== null && row.listedAt <= staleBy;
    const lowStock = forSale && row.quantity <= rules.lowStockThreshold;
    const noPhotos = row.photos === 0;
    const noSpecifics = row.specifics === 0;
    const price = row.listPrice;
    const belowCost =
      forSale &&
      row.cost !== null &&
      price !== null &&
      price < row.cost + (row.fees ?? estimateFees(price, rules.fees));
    if (!(stale || lowStock || noPhotos || noSpecifics || belowCost)) continue;
    const problems: Problem[] = [];
    if (stale) problems.push('stale');
    if (lowStock) problems.push('lowStock');
    if (noPhotos) problems.push('noPhotos');
    if (noSpecifics) problems.push('noSpecifics');
    if (belowCost) problems.push('belowCost');
    for (const p of problems) counts[p]++;
    findings.push({ row, problems });
  }
  return { scanned: rows.length, findings, counts };
}
