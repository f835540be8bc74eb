/**
 * An item's package: its weight and its size as the seller ships it. eBay needs both for
 * calculated shipping (error 25020 otherwise), and the shipping agent prices by weight. The
 * seller types them as text ("1 lb 4 oz", "12 x 9 x 4 in"); the same reading serves the
 * editor, the CSV import and core, so one spelling means one thing everywhere.
 */
import { z } from 'zod';

export const WEIGHT_UNITS = ['oz', 'lb', 'g', 'kg'] as const;
export const SIZE_UNITS = ['in', 'cm'] as const;

const measure = (max: number, what: string) =>
  z
    .number()
    .finite()
    .positive(`${what} must be more than 0.`)
    .max(max, `${what} is more than ${max}: check the unit.`)
    .transform((n) => Math.round(n * 100) / 100);

export const PackageWeightSchema = z.object({
  value: measure(5000, 'A weight'),
  unit: z.enum(WEIGHT_UNITS),
});
export type PackageWeight = z.infer<typeof PackageWeightSchema>;

export const PackageSizeSchema = z.object({
  length: measure(1000, 'A length'),
  width: measure(1000, 'A width'),
  height: measure(1000, 'A height'),
  unit: z.enum(SIZE_UNITS),
});
export type PackageSize = z.infer<typeof PackageSizeSchema>;

const OUNCES: Record<PackageWeight['unit'], number> = { oz: 1, lb: 16, g: 1 / 28.349523125, kg: 1000 / 28.349523125 };

export const ouncesOf = (w: PackageWeight): number => w.value * OUNCES[w.unit];

const WEIGHT_WORDS: Record<string, PackageWeight['unit']> = {
  oz: 'oz',
  ounce: 'oz',
  ounces: 'oz',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  g: 'g',
  gram: 'g',
  grams: 'g',
  kg: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
};
const SIZE_WORDS: Record<string, PackageSize['unit']> = {
  in: 'in',
  inch: 'in',
  inches: 'in',
  '"': 'in',
  cm: 'cm',
  centimeter: 'cm',
  centimeters: 'cm',
  centimetre: 'cm',
  centimetres: 'cm',
};

/** "1.5" or "1,5" (a decimal comma, as a German seller types it); NaN for anything else. */
const numberOf = (text: string): number => {
  const plain = text.replace(',', '.');
  return /^(\d+(\.\d*)?|\.\d+)$/.test(plain) ? Number(plain) : Number.NaN;
};

const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? 'Check the value.';

export type Read<T> = { value: T | null } | { error: string };

/** Longer text is no measure; and the patterns below are not linear on long runs of digits. */
const MAX_CHARS = 60;
const shown = (raw: string) => (raw.trim().length > MAX_CHARS ? `${raw.trim().slice(0, 20)}…` : raw.trim());

const WEIGHT_HELP = 'Type a weight with its unit, such as 12 oz, 1 lb 4 oz, 1.5 lb, 500 g or 2 kg.';
const SIZE_HELP = 'Type length x width x height with the unit, such as 12 x 9 x 4 in or 30 x 20 x 10 cm.';

/** A weight as typed; "" is none. "1 lb 4 oz" becomes 20 oz, so nothing is rounded away. */
export function readWeight(raw: string): Read<PackageWeight> {
  const text = raw.trim().toLowerCase();
  if (text === '') return { value: null };
  if (text.length > MAX_CHARS) return { error: `"${shown(raw)}" is not a weight. ${WEIGHT_HELP}` };
  const parts = [...text.matchAll(/(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]+)/g)];
  const rest = text.replace(/(\d+(?:[.,]\d+)?|[.,]\d+)\s*([a-z]+)/g, '').trim();
  const units = parts.map((p) => WEIGHT_WORDS[p[2]!]);
  if (parts.length === 0 || rest !== '' || units.some((u) => u === undefined)) {
    return { error: `"${raw.trim()}" is not a weight. ${WEIGHT_HELP}` };
  }
  let candidate: { value: number; unit: PackageWeight['unit'] };
  if (parts.length === 1) candidate = { value: numberOf(parts[0]![1]!), unit: units[0]! };
  else if (parts.length === 2 && units[0] === 'lb' && units[1] === 'oz') {
    candidate = { value: numberOf(parts[0]![1]!) * 16 + numberOf(parts[1]![1]!), unit: 'oz' };
  } else return { error: `"${raw.trim()}" is not a weight. ${WEIGHT_HELP}` };
  if (Number.isNaN(candidate.value)) return { error: `"${raw.trim()}" is not a weight. ${WEIGHT_HELP}` };
  const parsed = PackageWeightSchema.safeParse(candidate);
  return parsed.success ? { value: parsed.data } : { error: `${firstIssue(parsed.error)} ${WEIGHT_HELP}` };
}

/** A size as typed ("12 x 9 x 4 in", "30×20×10cm"); "" is none. */
export function readSize(raw: string): Read<PackageSize> {
  const text = raw.trim().toLowerCase();
  if (text === '') return { value: null };
  if (text.length > MAX_CHARS) return { error: `"${shown(raw)}" is not a package size. ${SIZE_HELP}` };
  const match = /^([\d.,]+)\s*[x×*]\s*([\d.,]+)\s*[x×*]\s*([\d.,]+)\s*([a-z"]+)$/.exec(text);
  const unit = match ? SIZE_WORDS[match[4]!] : undefined;
  if (!match || !unit) return { error: `"${raw.trim()}" is not a package size. ${SIZE_HELP}` };
  const [length, width, height] = [match[1]!, match[2]!, match[3]!].map(numberOf);
  if ([length, width, height].some(Number.isNaN))
    return { error: `"${raw.trim()}" is not a package size. ${SIZE_HELP}` };
  const parsed = PackageSizeSchema.safeParse({ length, width, height, unit });
  return parsed.success ? { value: parsed.data } : { error: `${firstIssue(parsed.error)} ${SIZE_HELP}` };
}

export const weightText = (w: PackageWeight | null | undefined): string => (w ? `${w.value} ${w.unit}` : '');

export const sizeText = (s: PackageSize | null | undefined): string =>
  s ? `${s.length} x ${s.width} x ${s.height} ${s.unit}` : '';
