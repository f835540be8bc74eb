/**
 * Money as sellers read it, in their currency ("$1,234.50", "£12.00"), for the renderer's
 * cells and for the sentences core writes (proposals, notifications). One formatter per
 * locale and currency is kept: building one costs far more than formatting with it.
 */
const formats = new Map<string, Intl.NumberFormat>();

/**
 * `locale` undefined means the system's, which is right for what the renderer shows. Core
 * passes 'en-US', so the amounts in its English sentences read the same on every machine.
 */
export function formatMoney(value: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // Not a currency code Intl accepts: the amount, and the code the seller typed.
      return `${value.toFixed(2)} ${currency}`;
    }
    formats.set(key, format);
  }
  return format.format(value);
}

/** For core's sentences: the seller's currency, formatted the same everywhere. */
export const sentenceMoney = (currency: string) => (value: number) => formatMoney(value, currency, 'en-US');

/**
 * An amount as sellers type it: "1,299.00", "1299", "$12.50", "12,50" or "1.299,00". A comma
 * before one or two final digits is a decimal comma, so "12,5" is 12.5, never 125; other
 * commas (and dots before a decimal comma) group thousands. NaN when it is not a number.
 */
export function parseAmount(text: string): number {
  const t = text.replace(/[$£€¥\s]/g, '');
  let plain = t;
  if (/^-?(\d{1,3}(\.\d{3})*|\d+)?,\d{1,2}$/.test(t)) plain = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) plain = t.replace(/,/g, '');
  // Anything else ("1,2345", "12.5,3", "1e3", "0x10") is not an amount a seller means.
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : Number.NaN;
}
