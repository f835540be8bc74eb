/**
 * What selling costs, for checks like "is this price below cost plus fees". An item's own
 * recorded fees win; otherwise the fee table of the seller's currency (Settings → Fees, dated
 * and editable; the default is eBay US's final value fee for most categories).
 */
import { DEFAULT_SETTINGS, type FeeTable, type Settings } from '@shared/api';

export interface FeeModel {
  rate: number;
  perOrder: number;
  source: string;
}

const toModel = (t: FeeTable): FeeModel => ({ rate: t.ratePct / 100, perOrder: t.perOrder, source: t.source });

/** eBay US, most categories: the default where no model is given (the health scan's checks). */
export const FEE_MODEL: FeeModel = toModel(DEFAULT_SETTINGS.fees.tables[0]!);

/** The newest fee table of the seller's currency in force on `day`; null when there is none. */
export function feeModelFor(settings: Pick<Settings, 'fees' | 'general'>, day: string): FeeModel | null {
  let best: FeeTable | null = null;
  for (const t of settings.fees.tables) {
    if (t.currency !== settings.general.currency || t.since > day) continue;
    if (!best || t.since > best.since) best = t;
  }
  return best && toModel(best);
}

/**
 * The fee table in force for checks that cannot stop to ask (the health scan, a markdown's
 * floor): with none for the seller's currency, fees are not counted, and the source says so.
 */
export const feesInForce = (settings: Pick<Settings, 'fees' | 'general'>, day: string): FeeModel =>
  feeModelFor(settings, day) ?? {
    rate: 0,
    perOrder: 0,
    source: `no fee table for ${settings.general.currency}, so fees are not counted (Settings → Selling fees)`,
  };

const cents = (n: number) => Math.round(n * 100) / 100;

export const estimateFees = (price: number, model: FeeModel = FEE_MODEL) => cents(price * model.rate + model.perOrder);

/**
 * The lowest price at which the sale still covers cost, the seller's shipping and fees: the
 * item's own recorded fees when it has them, else the fee model's.
 */
export const breakEvenPrice = (
  cost: number,
  recordedFees: number | null = null,
  shipping = 0,
  model: FeeModel = FEE_MODEL,
) =>
  recordedFees !== null
    ? Math.ceil((cost + shipping + recordedFees) * 100) / 100
    : Math.ceil(((cost + shipping + model.perOrder) / (1 - model.rate)) * 100) / 100;

/**
 * The price that leaves `marginPct` of the price as profit after cost, shipping and fees (the
 * item's recorded fees when given). When the margin asked for is unreachable with these fees,
 * the break-even price is the honest floor.
 */
export function targetPrice(
  cost: number,
  marginPct: number,
  shipping = 0,
  recordedFees: number | null = null,
  model: FeeModel = FEE_MODEL,
): number {
  const keep = 1 - (recordedFees !== null ? 0 : model.rate) - marginPct / 100;
  if (keep <= 0.05) return breakEvenPrice(cost, recordedFees, shipping, model);
  const fixed = cost + shipping + (recordedFees ?? model.perOrder);
  return Math.ceil((fixed / keep) * 100) / 100;
}

export const profitAt = (price: number, cost: number, fees = estimateFees(price)) => cents(price - fees - cost);
