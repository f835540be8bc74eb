/**
 * An item's condition as the seller wrote it ("Used", "New with tags", "USED_GOOD") and as
 * eBay's Inventory API takes it: an enum, whose number is what Metadata lists per category
 * (ebay-api.md: plain "USED" is not valid in the Inventory API; eBay's "Used" is 3000).
 */
export const CONDITION_IDS = {
  NEW: '1000',
  NEW_OTHER: '1500',
  NEW_WITH_DEFECTS: '1750',
  CERTIFIED_REFURBISHED: '2000',
  SELLER_REFURBISHED: '2500',
  LIKE_NEW: '2750',
  USED_EXCELLENT: '3000',
  USED_VERY_GOOD: '4000',
  USED_GOOD: '5000',
  USED_ACCEPTABLE: '6000',
  FOR_PARTS_OR_NOT_WORKING: '7000',
} as const;
export type ConditionEnum = keyof typeof CONDITION_IDS;

/** How eBay's site names each, for the seller (the editor takes these words). */
export const CONDITION_WORDS: Record<ConditionEnum, string> = {
  NEW: 'New',
  NEW_OTHER: 'New other (see details)',
  NEW_WITH_DEFECTS: 'New with defects',
  CERTIFIED_REFURBISHED: 'Certified refurbished',
  SELLER_REFURBISHED: 'Seller refurbished',
  LIKE_NEW: 'Like new',
  USED_EXCELLENT: 'Used',
  USED_VERY_GOOD: 'Used – very good',
  USED_GOOD: 'Used – good',
  USED_ACCEPTABLE: 'Used – acceptable',
  FOR_PARTS_OR_NOT_WORKING: 'For parts or not working',
};

/** Phrases seen in sellers' conditions (and CSV exports), most specific first. */
const PHRASES: [RegExp, ConditionEnum][] = [
  [/for parts|not working/, 'FOR_PARTS_OR_NOT_WORKING'],
  [/certified.*refurb/, 'CERTIFIED_REFURBISHED'],
  [/refurb/, 'SELLER_REFURBISHED'],
  [/new with defects/, 'NEW_WITH_DEFECTS'],
  [/new other|new without|open box|new \(other\)/, 'NEW_OTHER'],
  [/like new|mint/, 'LIKE_NEW'],
  [/very good/, 'USED_VERY_GOOD'],
  [/acceptable|fair/, 'USED_ACCEPTABLE'],
  [/\bgood\b/, 'USED_GOOD'],
  [/used|pre-?owned|excellent/, 'USED_EXCELLENT'],
  [/\bnew\b|brand new|with tags|sealed/, 'NEW'],
];

/** The Inventory API's condition for what the seller wrote; null when it names none. */
export function conditionOf(text: string): ConditionEnum | null {
  const t = text.trim();
  if (!t) return null;
  const upper = t.toUpperCase().replace(/[\s-]+/g, '_');
  if (upper in CONDITION_IDS) return upper as ConditionEnum;
  if (/^\d{4}$/.test(t)) {
    const found = Object.entries(CONDITION_IDS).find(([, id]) => id === t);
    return found ? (found[0] as ConditionEnum) : null;
  }
  const lower = t.toLowerCase();
  return PHRASES.find(([re]) => re.test(lower))?.[1] ?? null;
}

export const enumOfId = (id: string): ConditionEnum | null =>
  (Object.entries(CONDITION_IDS).find(([, v]) => v === id)?.[0] as ConditionEnum | undefined) ?? null;
