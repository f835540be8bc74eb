/**
 * A markdown of a stale listing: the price a percentage lower, never below break-even (cost
 * plus the item's recorded fees, else estimated fees) unless the seller allowed it. The scan,
 * a group's edited percentage and the check before applying all use this one rule.
 */
import { breakEvenPrice, type FeeModel } from '../pricing/fees';

export const MARKDOWN_PCT = 10;

const cents = (n: number) => Math.round(n * 100) / 100;

export interface MarkdownItem {
  sku: string;
  /** The price the markdown starts from. */
  listPrice: number;
  cost: number | null;
  fees: number | null;
  listedAt: string | null;
}

/** The lowest price a markdown may reach; 0 when there is no cost or going below is allowed. */
export const markdownFloor = (item: Pick<MarkdownItem, 'cost' | 'fees'>, belowBreakEven: boolean, fees?: FeeModel) =>
  item.cost !== null && !belowBreakEven ? breakEvenPrice(item.cost, item.fees, 0, fees) : 0;

export interface MarkdownDraft {
  summary: string;
  before: { listPrice: number };
  after: { listPrice: number };
  why: string;
}

/** null: the floor leaves no room below the current price. */
export function markdownDraft(
  item: MarkdownItem,
  pct: number,
  belowBreakEven: boolean,
  money: (n: number) => string,
  /** The fee table in force (feesInForce); eBay US's when not given. */
  fees?: FeeModel,
): MarkdownDraft | null {
  const price = item.listPrice;
  const floor = markdownFloor(item, belowBreakEven, fees);
  const to = Math.max(cents(price * (1 - pct / 100)), floor);
  if (to >= price) return null;
  const held = to === floor && floor > 0;
  return {
    summary: `Mark ${item.sku} down from ${money(price)} to ${money(to)}`,
    before: { listPrice: price },
    after: { listPrice: to },
    why: `Listed since ${item.listedAt} without selling. A ${pct}% markdown${held ? ' (held at break-even)' : ''} makes it more competitive${item.cost !== null && !belowBreakEven ? ' and still covers cost and fees' : ''}.`,
  };
}
