/**
 * The editor's draft: every field as the seller types it (strings), turned back into only
 * the changed fields, typed, for `inventory.update`. Core is the one validator; what can only
 * be caught here (text that is not a number) is caught here.
 */
import type { Item, ItemFields } from '@shared/domain/inventory';
import { readSize, readWeight, sizeText, weightText } from '@shared/domain/package';
import { parseNumber } from '../format';

export const TEXT_FIELDS = [
  { key: 'sku', label: 'SKU' },
  { key: 'title', label: 'Title' },
  { key: 'brand', label: 'Brand' },
  { key: 'category', label: 'Category' },
  { key: 'condition', label: 'Condition' },
  { key: 'location', label: 'Location / bin' },
  { key: 'ebayItemId', label: 'eBay item number' },
] as const;
export const MONEY_FIELDS = [
  { key: 'cost', label: 'Cost' },
  { key: 'listPrice', label: 'List price' },
  { key: 'salePrice', label: 'Sale price' },
  { key: 'fees', label: 'Fees' },
  { key: 'shippingCost', label: 'Shipping cost' },
] as const;
/** The package, typed as text ("1 lb 4 oz", "12 x 9 x 4 in") and read by the shared rules. */
export const PACKAGE_FIELDS = [
  { key: 'packageWeight', label: 'Package weight', placeholder: 'e.g. 12 oz, 1 lb 4 oz, 2 kg' },
  { key: 'packageSize', label: 'Package size', placeholder: 'L x W x H, e.g. 12 x 9 x 4 in' },
] as const;
const packageText = (item: Item, key: 'packageWeight' | 'packageSize') =>
  key === 'packageWeight' ? weightText(item.packageWeight) : sizeText(item.packageSize);
const readPackage = (key: 'packageWeight' | 'packageSize', raw: string) =>
  key === 'packageWeight' ? readWeight(raw) : readSize(raw);
export const DATE_FIELDS = [
  { key: 'acquiredAt', label: 'Acquired' },
  { key: 'listedAt', label: 'Listed' },
  { key: 'soldAt', label: 'Sold' },
] as const;

export interface Draft {
  text: Record<string, string>;
  money: Record<string, string>;
  pkg: Record<string, string>;
  dates: Record<string, string>;
  status: Item['status'];
  description: string;
  notes: string;
  tags: string;
  specifics: { name: string; value: string }[];
  quantity: string;
}

export function draftOf(item: Item): Draft {
  return {
    text: Object.fromEntries(TEXT_FIELDS.map((f) => [f.key, item[f.key] ?? ''])),
    money: Object.fromEntries(MONEY_FIELDS.map((f) => [f.key, item[f.key] === null ? '' : String(item[f.key])])),
    pkg: Object.fromEntries(PACKAGE_FIELDS.map((f) => [f.key, packageText(item, f.key)])),
    dates: Object.fromEntries(DATE_FIELDS.map((f) => [f.key, item[f.key] ?? ''])),
    status: item.status,
    description: item.description,
    notes: item.notes,
    tags: item.tags.join(', '),
    specifics: item.specifics.map((s) => ({ ...s })),
    quantity: String(item.quantity),
  };
}

export interface Changes {
  changes: Partial<ItemFields>;
  quantity: number | null;
  errors: Record<string, string>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function changesOf(item: Item, draft: Draft): Changes {
  const changes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const { key } of TEXT_FIELDS) {
    const raw = draft.text[key] ?? '';
    const value = key === 'ebayItemId' ? raw.trim() || null : raw;
    if (!same(value, item[key] ?? (key === 'ebayItemId' ? null : ''))) changes[key] = value;
  }
  for (const { key } of MONEY_FIELDS) {
    const parsed = parseNumber(draft.money[key] ?? '');
    if ('error' in parsed) errors[key] = parsed.error;
    else if (parsed.value !== item[key]) changes[key] = parsed.value;
  }
  for (const { key } of PACKAGE_FIELDS) {
    const raw = draft.pkg[key] ?? '';
    // Untouched text leaves the saved value alone (a reading of it may round differently).
    if (raw === packageText(item, key)) continue;
    const read = readPackage(key, raw);
    if ('error' in read) errors[key] = read.error;
    else if (!same(read.value, item[key] ?? null)) changes[key] = read.value;
  }
  for (const { key } of DATE_FIELDS) {
    const value = draft.dates[key] || null;
    if (value !== item[key]) changes[key] = value;
  }
  if (draft.status !== item.status) changes.status = draft.status;
  if (draft.description !== item.description) changes.description = draft.description;
  if (draft.notes !== item.notes) changes.notes = draft.notes;
  const tags = draft.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!same(tags, item.tags)) changes.tags = tags;
  const specifics = draft.specifics.filter((s) => s.name.trim() !== '' || s.value.trim() !== '');
  if (!same(specifics, item.specifics)) changes.specifics = specifics;

  let quantity: number | null = null;
  const q = Number(draft.quantity);
  if (draft.quantity.trim() === '' || !Number.isInteger(q) || q < 0) {
    errors.quantity =
      'Enter a whole number of units, 0 or more (stock goes below zero only when more sell than you have).';
  } else if (q !== item.quantity) quantity = q;
  return { changes: changes as Partial<ItemFields>, quantity, errors };
}

/**
 * The draft moved onto a newer saved item: fields the seller did not touch take the new
 * saved value, fields they edited keep their edit. Saving then never sends an old value back
 * over a change made elsewhere.
 */
export function rebase(oldItem: Item, newItem: Item, draft: Draft): Draft {
  const base = draftOf(oldItem);
  const next = draftOf(newItem);
  const pick = <T>(mine: T, was: T, now: T): T => (same(mine, was) ? now : mine);
  const merge = (k: 'text' | 'money' | 'pkg' | 'dates') =>
    Object.fromEntries(
      Object.keys(next[k]).map((f) => [f, pick(draft[k][f] ?? '', base[k][f] ?? '', next[k][f] ?? '')]),
    );
  return {
    text: merge('text'),
    money: merge('money'),
    pkg: merge('pkg'),
    dates: merge('dates'),
    status: pick(draft.status, base.status, next.status),
    description: pick(draft.description, base.description, next.description),
    notes: pick(draft.notes, base.notes, next.notes),
    tags: pick(draft.tags, base.tags, next.tags),
    specifics: pick(draft.specifics, base.specifics, next.specifics),
    quantity: pick(draft.quantity, base.quantity, next.quantity),
  };
}
