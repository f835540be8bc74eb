/**
 * Turning one CSV cell into a field value. Each reader answers the value or throws a
 * message that tells the seller what to fix in that cell.
 */
import { parseAmount } from '@shared/domain/money';
import { readSize, readWeight, type Read } from '@shared/domain/package';
import { ITEM_STATUSES, type ItemStatus } from '@shared/domain/inventory';

/** eBay condition IDs (File Exchange *ConditionID, Seller Hub "Condition ID") as sellers name them. */
const CONDITIONS: Record<string, string> = {
  '1000': 'New',
  '1500': 'New other',
  '1750': 'New with defects',
  '2000': 'Certified refurbished',
  '2010': 'Excellent - Refurbished',
  '2020': 'Very Good - Refurbished',
  '2030': 'Good - Refurbished',
  '2500': 'Seller refurbished',
  '2750': 'Like New',
  '3000': 'Used',
  '4000': 'Very Good',
  '5000': 'Good',
  '6000': 'Acceptable',
  '7000': 'For parts or not working',
};

/** Longest cell read as a number or an amount ("USD 1,234,567.89" fits). */
const MAX_NUMBER_CHARS = 40;

export function readCondition(cell: string): string {
  return CONDITIONS[cell.trim()] ?? cell.trim();
}

/** "$1,299.00", "US $12.50", "£8", "EUR 1.299,00" → a number. */
export function readMoney(cell: string, label: string): number {
  // Longer is no amount; and the currency patterns below are not linear on long runs of spaces.
  if (cell.length > MAX_NUMBER_CHARS) throw new Error(`${label} "${cell.slice(0, 20)}…" is not an amount.`);
  const text = cell.trim().replace(/^[A-Za-z]{0,3}\s*[$£€¥]|^[A-Za-z]{3}\s+|\s*[A-Za-z]{3}$|[$£€¥]$/g, '');
  const value = parseAmount(text);
  if (!Number.isFinite(value)) {
    throw new Error(`${label} "${cell}" is not an amount; use a number such as 12.50.`);
  }
  if (value < 0) throw new Error(`${label} "${cell}" is negative.`);
  return Math.round(value * 100) / 100;
}

/**
 * Stock on hand, which may be below zero (an item sold on two devices). Exports from before
 * quantities were written as numbers put an apostrophe before a minus; it is read past.
 */
export function readQuantity(cell: string): number {
  const text = readText(cell.trim()).replace(/,/g, '');
  const value = Number(text);
  if (text.length > MAX_NUMBER_CHARS || !/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new Error(`Quantity "${cell}" is not a whole number.`);
  }
  if (Math.abs(value) > 1_000_000) throw new Error(`Quantity "${cell}" is beyond 1,000,000.`);
  return value;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function ymd(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** 2026-11-25, 2026-11-25T10:00:00Z, eBay's "Mar-15-24 10:00:00 PDT", US 3/15/2024 → YYYY-MM-DD. */
export function readDate(cell: string, label: string): string {
  const text = cell.trim().slice(0, 64);
  let result: string | null = null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?$/.exec(text);
  if (m) result = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = m ? null : /^([A-Za-z]{3})[a-z]*[-\s](\d{1,2})[-,\s]+(\d{2}|\d{4})(?:\s.*)?$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    if (month > 0) result = ymd(fullYear(m[3]!), month, Number(m[2]));
  }
  m = result || m ? null : /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s.*)?$/.exec(text);
  if (m) result = ymd(fullYear(m[3]!), Number(m[1]), Number(m[2]));
  if (!result) throw new Error(`${label} "${cell}" is not a date FlipSync can read; use a date like 2026-11-25.`);
  return result;
}

export function readStatus(cell: string): ItemStatus {
  const text = cell.trim().toLowerCase();
  const status = ITEM_STATUSES.find((s) => s === text) ?? (text === 'active' ? 'listed' : undefined);
  if (!status) throw new Error(`Status "${cell}" is not one of ${ITEM_STATUSES.join(', ')}.`);
  return status;
}

/** Tags are separated by semicolons (commas are common inside tags such as "size 10, wide"). */
export function readTags(cell: string): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  // Our export escapes the cell as a whole ("'-20% off; blue"), so the apostrophe goes first.
  for (const part of readText(cell).split(';')) {
    const tag = part.trim();
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return tags;
}

/**
 * Undoes the apostrophe our export puts before cells starting with = + - @ (so spreadsheet
 * programs do not run them as formulas); other text is kept as it is.
 */
export function readText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const measured = <T>(read: Read<T>, label: string): T | null => {
  if ('error' in read) throw new Error(`${label}: ${read.error}`);
  return read.value;
};

/** "12 oz", "1 lb 4 oz", "2 kg": the same reading as the item editor's. */
export const readPackageWeight = (cell: string, label: string) => measured(readWeight(cell), label);

/** "12 x 9 x 4 in", "30x20x10 cm". */
export const readPackageSize = (cell: string, label: string) => measured(readSize(cell), label);
