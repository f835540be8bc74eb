/**
 * A price suggestion from the seller's own sold history of similar items, their cost, fees
 * and target margin, computed in code. The confidence says how much history backs it.
 */
import type { Item } from '@shared/domain/inventory';
import { AppError } from '../../errors';
import { median, tokens, type SoldRecord } from '../tools/data';
import { breakEvenPrice, targetPrice, type FeeModel } from './fees';

export interface PriceSuggestion {
  price: number;
  confidence: number;
  rationale: string;
  comparables: number;
  medianSold: number | null;
}

const lc = (s: string) => s.trim().toLowerCase();

/** Sales of similar items: same category and brand, or same category and a title sharing two words. */
export function comparables(item: Item, sold: SoldRecord[]): number[] {
  const words = tokens(item.title);
  const prices: number[] = [];
  for (const s of sold) {
    const other = s.item;
    if (!other || other.id === item.id || lc(other.category) !== lc(item.category)) continue;
    const sameBrand = item.brand !== '' && lc(other.brand) === lc(item.brand);
    let shared = 0;
    for (const t of tokens(other.title)) if (words.has(t)) shared++;
    if (sameBrand || shared >= 2) prices.push(s.sale.price);
  }
  return prices;
}

export interface PriceTerms {
  marginPct: number;
  /** The fee table of the seller's currency (feeModelFor); null when Settings has none. */
  fees: FeeModel | null;
  currency: string;
  /** Writes amounts in the seller's currency (see sentenceMoney). */
  money: (n: number) => string;
}

export function suggestPrice(
  item: Item,
  sold: SoldRecord[],
  { marginPct, money, fees, currency }: PriceTerms,
): PriceSuggestion {
  const comps = comparables(item, sold);
  const med = median(comps);
  if (item.cost !== null && item.fees === null && !fees) {
    // US fees on a sale in another currency would be a guess presented as a number.
    throw new AppError(
      'BAD_REQUEST',
      `There is no fee table for ${currency}, so the fees on “${item.title}” are unknown.`,
      `Add your marketplace's selling fees for ${currency} in Settings → Fees, or record this item's fees.`,
    );
  }
  // The item's own recorded fees and shipping win over the fee table and free shipping.
  const shipping = item.shippingCost ?? 0;
  const model = fees ?? undefined;
  const floor = item.cost !== null ? breakEvenPrice(item.cost, item.fees, shipping, model) : 0;
  const target = item.cost !== null ? targetPrice(item.cost, marginPct, shipping, item.fees, model) : null;
  if (med === null && target === null) {
    throw new AppError(
      'BAD_REQUEST',
      `“${item.title}” has no cost and no similar sold items, so there is nothing to base a price on.`,
      'Enter the item’s cost, or record sales of similar items.',
    );
  }
  const parts: string[] = [];
  let price: number;
  let confidence: number;
  if (med !== null) {
    price = Math.max(Math.round(med * 100) / 100, floor);
    confidence = comps.length >= 5 ? 0.85 : comps.length >= 3 ? 0.7 : 0.5;
    parts.push(
      `${comps.length} similar item${comps.length === 1 ? '' : 's'} you sold went for a median of ${money(med)}.`,
    );
    if (price > med) parts.push(`Held at the break-even price ${money(floor)} (cost plus fees).`);
    if (target !== null && price < target) {
      parts.push(`That is below your ${marginPct}% target-margin price of ${money(target)}; the market has paid less.`);
      confidence = Math.max(0.3, confidence - 0.1);
    }
  } else {
    price = target!;
    confidence = 0.35;
    parts.push(
      `No similar items sold yet; ${money(price)} is the price that leaves your ${marginPct}% target margin after fees on a cost of ${money(item.cost!)}.`,
    );
  }
  const own = [
    item.fees !== null ? `fees of ${money(item.fees)}` : '',
    item.shippingCost !== null ? `shipping of ${money(item.shippingCost)}` : '',
  ].filter(Boolean);
  if (item.cost !== null && own.length > 0) parts.push(`Counted with this item's recorded ${own.join(' and ')}.`);
  if (item.cost !== null && item.fees === null && fees) parts.push(`Fees: ${fees.source}.`);
  return { price, confidence, rationale: parts.join(' '), comparables: comps.length, medianSold: med };
}
