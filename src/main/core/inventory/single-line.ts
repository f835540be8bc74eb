/**
 * Fields a seller sees in a one-line box (title, SKU, brand, …) hold one line. A quoted CSV
 * cell or a paste can carry line breaks; stored as they are, the one-line editor shows the
 * words run together. They become single spaces on import, create and edit, and import says
 * so on the row. Descriptions and notes keep their lines.
 */
import type { ItemField, ItemFields } from '@shared/domain/inventory';
import { fieldLabel } from '@shared/domain/field-labels';

const TEXT_FIELDS = ['sku', 'title', 'brand', 'category', 'condition', 'location', 'ebayItemId'] as const;
const BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;
const BREAKS = /\s*[\r\n\v\f\u0085\u2028\u2029]+\s*/g;

/** The text on one line: every run of line breaks (and the spaces around it) becomes one space. */
export const oneLine = (text: string): string => text.trim().replace(BREAKS, ' ');
const hasBreak = (text: string) => BREAK.test(text.trim());

/**
 * The same fields with single-line values on one line, and which fields had line breaks
 * inside them (a break at either end is only trimmed, as every text field is).
 */
export function joinLines<T extends Partial<ItemFields>>(fields: T): { fields: T; joined: ItemField[] } {
  const out: Partial<ItemFields> = { ...fields };
  const joined: ItemField[] = [];
  for (const field of TEXT_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && hasBreak(value)) {
      out[field] = oneLine(value);
      joined.push(field);
    }
  }
  if (fields.tags?.some(hasBreak)) {
    out.tags = fields.tags.map(oneLine);
    joined.push('tags');
  }
  if (fields.specifics?.some((s) => hasBreak(s.name) || hasBreak(s.value))) {
    out.specifics = fields.specifics.map((s) => ({ ...s, name: oneLine(s.name), value: oneLine(s.value) }));
    joined.push('specifics');
  }
  return { fields: out as T, joined };
}

/** The import row's warning for the fields `joinLines` changed. */
export function joinedWarning(joined: ItemField[]): string {
  const names = joined.map(fieldLabel).join(', ');
  return `${names} had line breaks; they were replaced by spaces, as ${joined.length === 1 ? 'it is' : 'each is'} one line.`;
}
