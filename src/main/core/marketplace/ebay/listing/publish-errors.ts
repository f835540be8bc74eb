/**
 * eBay's refusals at publish time, as what the seller should change (ebay-api.md: 25002 an item
 * specific, 25020 the package, 25713 can be a marketplace eligibility problem). The message
 * keeps eBay's id and words; the hint names the fix.
 */
import type { EbayError } from '../errors';

const FIXES: Record<number, string> = {
  25002:
    'An item specific is missing or not one eBay accepts for this category: fill the specifics the eBay checklist lists (use eBay’s own values where it offers a list), then publish again.',
  25003: 'eBay does not accept the price: check the list price, then publish again.',
  25007:
    'The shipping (fulfillment) policy does not fit this item: choose another in Settings → eBay → Listing setup, then publish again.',
  25020:
    'eBay needs the package weight and size for the shipping policy chosen: fill in the item’s Package weight and Package size (or pick a flat-rate shipping policy in Settings → eBay → Listing setup), then publish again.',
  25021:
    'eBay does not accept this condition for the category: pick one the eBay checklist offers, then publish again.',
  25713:
    'eBay says the offer is not available for this site: the account may not be allowed to sell on it yet. Check the eBay site in Settings → eBay → Listing setup, and the account’s selling limits on eBay.',
};

/** The fix for eBay's refusal, when FlipSync knows one. */
export function publishHint(e: EbayError): { message: string; hint: string } | null {
  const fix = e.errorId !== undefined ? FIXES[e.errorId] : undefined;
  return fix ? { message: e.message, hint: fix } : null;
}
