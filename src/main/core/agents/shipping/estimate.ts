/** A shipping class and cost from the built-in rate table (see rates.json for its date and source). */
import { z } from 'zod';
import raw from './rates.json';

const RatesSchema = z.object({
  date: z.iso.date(),
  source: z.string().min(1),
  currency: z.string(),
  classes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      maxOz: z.number().positive(),
      package: z.string(),
      cost: z.number().positive(),
    }),
  ),
  typicalWeightsOz: z.array(z.object({ match: z.string(), oz: z.number().positive() })),
});
/** Parsed at load: a broken table fails at start-up, not in the middle of a run. */
export const RATES = RatesSchema.parse(raw);
const TYPICAL = RATES.typicalWeightsOz.map((t) => ({ re: new RegExp(`\\b(${t.match})`, 'i'), oz: t.oz }));

export interface ShippingEstimate {
  weightOz: number;
  weightFrom: 'seller' | 'typical';
  className: string;
  package: string;
  cost: number;
  rateDate: string;
  rateSource: string;
}

export function typicalWeight(text: string): number | null {
  return TYPICAL.find((t) => t.re.test(text))?.oz ?? null;
}

export function estimateShipping(
  item: { title: string; category: string },
  weightOz?: number,
): ShippingEstimate | null {
  const typical = typicalWeight(`${item.category} ${item.title}`);
  const oz = weightOz ?? typical;
  if (oz === null) return null;
  const cls = RATES.classes.find((c) => oz <= c.maxOz);
  if (!cls) return null;
  return {
    weightOz: oz,
    weightFrom: weightOz !== undefined ? 'seller' : 'typical',
    className: cls.label,
    package: cls.package,
    cost: cls.cost,
    rateDate: RATES.date,
    rateSource: RATES.source,
  };
}
