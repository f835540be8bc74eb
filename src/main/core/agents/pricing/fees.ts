/**
 * What selling costs, for checks like "is this price below cost plus fees". An item's own
 * recorded fees win; otherwise eBay's final value fee for most categories is assumed:
 * 13.6% of the total plus $0.40 per order (eBay "Selling fees" page, standard rate for
 * most categories, as of 2025). Categories with other rates differ by a few percent.
 */
export const FEE_MODEL = {
  rate: 0.136,
  perOrder: 0.4,
  source: 'eBay final value fee, most categories: 13.6% + $0.40 per order (2025)',
} as const;

const cents = (n: number) => Math.round(n * 100) / 100;

export const estimateFees = (price: number) => cents(price * FEE_MODEL.rate + FEE_MODEL.perOrder);

/**
 * The lowest price at which the sale still covers cost, the seller's shipping and fees: the
 * item's own recorded fees when it has them, else the fee model's.
 */
export const breakEvenPrice = (cost: number, recordedFees: number | null = null, shipping = 0) =>
  recordedFees !== null
    ? Math.ceil((cost + shipping + recordedFees) * 100) / 100
    : Math.ceil(((cost + shipping + FEE_MODEL.perOrder) / (1 - FEE_MODEL.rate)) * 100) / 100;

/**
 * The price that leaves `marginPct` of the price as profit after cost, shipping and fees (the
 * item's recorded fees when given). When the margin asked for is unreachable with these fees,
 * the break-even price is the honest floor.
 */
export function targetPrice(cost: number, marginPct: number, shipping = 0, recordedFees: number | null = null): number {
  const keep = 1 - (recordedFees !== null ? 0 : FEE_MODEL.rate) - marginPct / 100;
  if (keep <= 0.05) return breakEvenPrice(cost, recordedFees, shipping);
  const fixed = cost + shipping + (recordedFees ?? FEE_MODEL.perOrder);
  return Math.ceil((fixed / keep) * 100) / 100;
}

export const profitAt = (price: number, cost: number, fees = estimateFees(price)) => cents(price - fees - cost);
