/** How the inventory shows values: one place, so the table and the editor agree. */
import { ITEM_STATUSES, type ItemStatus } from '@shared/domain/inventory';
import { formatMoney, parseAmount } from '@shared/domain/money';

export const STATUS_LABEL: Record<ItemStatus, string> = {
  draft: 'Draft',
  ready: 'Ready',
  listed: 'Listed',
  sold: 'Sold',
  archived: 'Archived',
};
export const STATUS_OPTIONS = ITEM_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }));

export function money(value: number | null, currency = 'USD'): string {
  return value === null ? '—' : formatMoney(value, currency);
}

/** Whole days since a date (YYYY-MM-DD or ISO); '' when unknown. */
export function ageDays(from: string | null, now = Date.now()): string {
  if (!from) return '';
  const days = Math.floor((now - Date.parse(from)) / 86_400_000);
  return Number.isFinite(days) ? `${Math.max(0, days)} d` : '';
}

/**
 * A number from an input box: '' is null. Something that is not a number is refused here,
 * because JSON would turn NaN into null and silently clear the saved value.
 */
export function parseNumber(raw: string): { value: number | null } | { error: string } {
  const trimmed = raw.trim();
  if (trimmed === '') return { value: null };
  const n = parseAmount(trimmed);
  return Number.isFinite(n) ? { value: n } : { error: `"${trimmed}" is not a number; enter an amount such as 12.50.` };
}
