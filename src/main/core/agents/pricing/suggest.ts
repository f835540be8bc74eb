/**
 * A price suggestion from the seller's own sold history of similar items, their cost, fees
 * and target margin, and live eBay listings like it when eBay is connected, computed in code.
 * The confidence says how much history backs it. Own sales win: live listings are asking
 * prices, so they set the price only when the seller has sold nothing similar.
 */
import type { MarketComps } from '@shared/api/agents';
import type { Item } from '@shared/domain/inventory';
import { AppError } from '../../errors';
import type { ItemSummary } from '@shared/api/inventory';
import { median, tokens, type SoldSale } from '../tools/data';
import { breakEvenPrice, targetPrice, type FeeModel } from './fees';

export interface PriceSuggestion {
  price: number;
  confidence: number;
  rationale: string;
  comparables: number;
  medianSold: number | null;
  /** The live listings compared with, when the market was searched. */
  market: MarketComps | null;
}

/** Live listings needed before their median sets a price. */
const MIN_MARKET = 3;

const lc = (s: string) => s.trim().toLowerCase();

/**
 * Sale prices of similar items: same category and brand, or same category and a title sharing
 * two words. Each other item is judged once, however many sales it has (50k sales, one pass).
 */
export function comparables(
  item: Item,
  sales: Iterable<SoldSale>,
  itemOf: (id: string) => ItemSummary | undefined,
): number[] {
  const words = tokens(item.title);
  const category = lc(item.category);
  const brand = lc(item.brand);
  const like = new Map<string, boolean>();
  const prices: number[] = [];
  for (const s of sales) {
    if (s.itemId === item.id) continue;
    let similar = like.get(s.itemId);
    if (similar === undefined) {
      const other = itemOf(s.itemId);
      similar = false;
      if (other && lc(other.category) === category) {
        let shared = 0;
        if (brand === '' || lc(other.brand) !== brand) for (const t of tokens(other.title)) if (words.has(t)) shared++;
        similar = (brand !== '' && lc(other.brand) === brand) || shared >= 2;
      }
      like.set(s.itemId, similar);
    }
    if (similar) prices.push(s.price);
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
  /** Live listings like the item (null: eBay not connected). */
  market?: MarketComps | null;
  /** Why the market could not be searched, in words. */
  marketProblem?: string;
}

export function suggestPrice(
  item: Item,
  sales: Iterable<SoldSale>,
  itemOf: (id: string) => ItemSummary | undefined,
  { marginPct, money, fees, currency, market = null, marketProblem }: PriceTerms,
): PriceSuggestion {
  const comps = comparables(item, sales, itemOf);
  const med = median(comps);
  const asks = market?.comps.map((c) => c.price) ?? [];
  const asked = asks.length >= MIN_MARKET ? median(asks) : null;
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
  if (med === null && target === null && asked === null) {
    throw new AppError(
      'BAD_REQUEST',
      `“${item.title}” has no cost, no similar sold items${market ? ' and too few similar live eBay listings' : ''}, so there is nothing to base a price on.`,
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
  } else if (asked !== null) {
    price = Math.max(Math.round(asked * 100) / 100, floor);
    confidence = asks.length >= 10 ? 0.6 : 0.5;
    parts.push(`You have not sold anything similar yet, so the price follows the live eBay listings.`);
    if (price > asked) parts.push(`Held at the break-even price ${money(floor)} (cost plus fees).`);
    if (target !== null && price < target)
      parts.push(`That is below your ${marginPct}% target-margin price of ${money(target)}.`);
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
  if (market) parts.push(marketSentence(market, asks, money));
  if (marketProblem) parts.push(`eBay's live listings could not be read: ${marketProblem}`);
  return { price, confidence, rationale: parts.join(' '), comparables: comps.length, medianSold: med, market };
}

function marketSentence(market: MarketComps, asks: number[], money: (n: number) => string): string {
  const how = market.matchedBy === 'gtin' ? 'with the same GTIN' : `found by ${market.query}`;
  const trimmed = market.left > 0 ? ` (${market.left} far from the rest left out)` : '';
  if (asks.length === 0) return `No live eBay listings ${how}.`;
  const low = Math.min(...asks);
  const high = Math.max(...asks);
  const many = asks.length === 1 ? '1 live eBay listing' : `${asks.length} live eBay listings`;
  const spread =
    asks.length === 1
      ? `asks ${money(low)}`
      : `ask a median of ${money(median(asks)!)}, from ${money(low)} to ${money(high)}`;
  const few = asks.length < MIN_MARKET ? ` Too few to price from.` : '';
  return `${many} ${how}${trimmed} ${spread}; these are asking prices of listings still for sale, not what buyers paid.${few}`;
}
