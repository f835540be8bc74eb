/**
 * Preflight: what eBay would refuse about listing an item, found before the seller presses
 * Publish, each line saying how to fix it and which field does. Category, aspects and
 * conditions come from eBay (Taxonomy, Metadata), cached for the session; the rest is the
 * item and the listing setup.
 */
import type { CategoryAspect, CategoryChoice, EbaySettings, PreflightLine } from '@shared/api';
import type { Item } from '@shared/domain/inventory';
import { sizeText, weightText } from '@shared/domain/package';
import { AppError } from '../../../errors';
import { MARKETPLACES } from './marketplaces';
import { categoryLines } from './preflight-category';

export const TITLE_MAX = 80;
/** Specifics eBay reads as a product identifier. */
const IDENTIFIERS = ['upc', 'ean', 'isbn'];

export interface PreflightDeps {
  settings(): Promise<EbaySettings>;
  connected(): Promise<boolean>;
  /** The currency the seller's prices are in (Settings → General). */
  currency(): Promise<string>;
  /** Leaf categories eBay suggests for words (application token). */
  suggest(q: string, marketplaceId: string): Promise<CategoryChoice[]>;
  aspects(categoryId: string, marketplaceId: string): Promise<CategoryAspect[]>;
  conditions(
    marketplaceId: string,
    categoryId: string,
  ): Promise<{ required: boolean; allowed: { id: string; name: string }[] }>;
  /** Whether the chosen fulfillment policy uses calculated shipping (null: unknown). */
  calculatedShipping(settings: EbaySettings): Promise<boolean | null>;
  /** What is kept of a category (specifics, conditions) is read from eBay again next time. */
  forget(categoryId: string, marketplaceId: string): void;
  /** The fees of the item's unpublished offer on eBay, when there is one. */
  fees(item: Item): Promise<{ name: string; amount: number; currency: string }[] | null>;
}

export const line = (
  check: PreflightLine['check'],
  state: PreflightLine['state'],
  label: string,
  detail: string,
  field: string | null = null,
  choices: PreflightLine['choices'] = [],
): PreflightLine => ({ check, state, label, detail, field, choices, action: null });

export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The item specifics as eBay takes them: the item's own, with its brand as Brand. */
export function aspectsOf(item: Pick<Item, 'specifics' | 'brand'>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of item.specifics) {
    const value = s.value.trim();
    if (!value) continue;
    (out[s.name.trim()] ??= []).push(value);
  }
  if (item.brand.trim() && !Object.keys(out).some((k) => k.toLowerCase() === 'brand')) out.Brand = [item.brand.trim()];
  return out;
}

/** The package line: calculated shipping needs the weight and the size; flat costs need neither. */
function packageLine(item: Item, target: ListingTarget, calculated: boolean | null): PreflightLine {
  const { packageWeight: weight, packageSize: size } = item;
  const has = [weight ? weightText(weight) : '', size ? sizeText(size) : ''].filter(Boolean).join(', ');
  if (target === 'site') return line('package', 'ok', 'Package', 'The listing keeps its shipping as set on eBay.');
  if (calculated) {
    if (weight && size)
      return line('package', 'ok', 'Package', `${has}: eBay works out the postage from these.`, 'packageWeight');
    const missing = [weight ? null : 'weight', size ? null : 'size'].filter(Boolean).join(' and ');
    return line(
      'package',
      'fail',
      'Package',
      `The shipping policy uses calculated shipping, so eBay needs the package ${missing}: fill in Package weight (such as 1 lb 4 oz) and Package size (such as 12 x 9 x 4 in), or choose a flat-rate policy in Settings → eBay → Listing setup.`,
      weight ? 'packageSize' : 'packageWeight',
    );
  }
  if (calculated === null) return line('package', 'ok', 'Package', 'Checked once a shipping policy is chosen.');
  return line(
    'package',
    'ok',
    'Package',
    has
      ? `${has} (sent to eBay; the shipping policy has fixed costs).`
      : 'The shipping policy has fixed costs: no package size needed.',
  );
}

/** What the listing is: not on eBay yet, published through the Inventory API, or made on eBay's site. */
export type ListingTarget = 'new' | 'api' | 'site';

export async function preflight(item: Item, deps: PreflightDeps, target: ListingTarget): Promise<PreflightLine[]> {
  const live = target !== 'new';
  const settings = await deps.settings();
  const site = settings.marketplaceId;
  const lines: PreflightLine[] = [];
  const connected = await deps.connected();
  lines.push(
    connected
      ? line('connected', 'ok', 'eBay account', 'Connected.')
      : line('connected', 'fail', 'eBay account', 'Connect eBay in Settings → eBay first.'),
  );
  const missing = [
    !settings.fulfillmentPolicyId && 'a shipping (fulfillment) policy',
    !settings.paymentPolicyId && 'a payment policy',
    !settings.returnPolicyId && 'a return policy',
    !settings.merchantLocationKey && 'the location items ship from',
  ].filter(Boolean);
  lines.push(
    target === 'site'
      ? line(
          'setup',
          'ok',
          'Listing setup',
          'Made on eBay’s site: revised through the Trading API, its shipping, payment and return settings stay as they are on eBay.',
        )
      : missing.length === 0
        ? line('setup', 'ok', 'Listing setup', 'Policies and location are chosen.')
        : line(
            'setup',
            'fail',
            'Listing setup',
            `eBay needs ${missing.join(', ')} on every listing: choose them in Settings → eBay → Listing setup.`,
          ),
  );
  const title = item.title.trim();
  lines.push(
    title.length <= TITLE_MAX
      ? line('title', 'ok', 'Title', `${title.length} of ${TITLE_MAX} characters.`, 'title')
      : line(
          'title',
          'fail',
          'Title',
          `eBay allows ${TITLE_MAX} characters; this title has ${title.length}. Shorten it.`,
          'title',
        ),
  );

  lines.push(...(await categoryLines(item, deps, site, connected, target === 'site')));

  lines.push(
    target === 'site'
      ? line(
          'photos',
          'info',
          'Photos',
          'The listing keeps the photos it has on eBay (FlipSync does not replace them; change them in Seller Hub).',
          'photos',
        )
      : item.photos.length > 0
        ? line(
            'photos',
            'ok',
            'Photos',
            `${item.photos.length} photo${item.photos.length === 1 ? '' : 's'}; each is uploaded to eBay once.`,
            'photos',
          )
        : line('photos', 'fail', 'Photos', 'eBay needs at least one photo: add one.', 'photos'),
  );
  const currency = await deps.currency();
  const siteCurrency = MARKETPLACES[site].currency;
  lines.push(
    item.listPrice === null || item.listPrice <= 0
      ? line('price', 'fail', 'Price', 'eBay needs a price: set the list price.', 'listPrice')
      : currency !== siteCurrency
        ? line(
            'price',
            'fail',
            'Price',
            `Prices here are in ${currency}, but ${site} lists in ${siteCurrency}: change the eBay site in Settings → eBay → Listing setup, or the currency in Settings → General.`,
          )
        : line('price', 'ok', 'Price', `${item.listPrice.toFixed(2)} ${currency}.`, 'listPrice'),
  );
  lines.push(
    item.quantity > 0 || live
      ? line('quantity', 'ok', 'Quantity', `${item.quantity} available.`)
      : line('quantity', 'fail', 'Quantity', 'Nothing in stock to sell: receive stock first (Adjust stock).'),
  );

  const calculated =
    target !== 'site' && connected && !missing.includes('a shipping (fulfillment) policy')
      ? await deps.calculatedShipping(settings).catch(() => null)
      : null;
  lines.push(packageLine(item, target, calculated));

  const named = item.specifics.find((s) => IDENTIFIERS.includes(s.name.trim().toLowerCase()) && s.value.trim());
  lines.push(
    named
      ? line('identifier', 'ok', 'Product identifier', `${named.name}: ${named.value}.`, 'specifics')
      : line(
          'identifier',
          'info',
          'Product identifier',
          'No UPC, EAN or ISBN among the specifics: FlipSync sends "Does not apply", which eBay accepts for used and unbranded items.',
          'specifics',
        ),
  );

  const fees = connected ? await deps.fees(item).catch(() => null) : null;
  lines.push(
    fees === null
      ? live
        ? line('fees', 'info', 'Listing fees', 'The listing is live: revising it costs nothing.')
        : {
            ...line(
              'fees',
              'info',
              'Listing fees',
              'Ask eBay for the fees: FlipSync puts the item on eBay as an unpublished draft (buyers do not see it) and eBay answers what listing it costs.',
            ),
            action: 'ask-fees' as const,
          }
      : line(
          'fees',
          'info',
          'Listing fees',
          fees.length === 0
            ? 'eBay charges nothing to list this.'
            : fees.map((f) => `${f.name} ${f.amount.toFixed(2)} ${f.currency}`).join(', '),
        ),
  );
  return lines;
}

export const readyToList = (lines: PreflightLine[]) => lines.every((l) => l.state !== 'fail');

/** The refusal a publish gets when preflight finds something eBay would refuse. */
export function notReady(lines: PreflightLine[]): AppError {
  const failing = lines.filter((l) => l.state === 'fail');
  return new AppError(
    'BAD_REQUEST',
    `eBay would refuse this listing: ${failing.map((l) => `${l.label}: ${l.detail}`).join(' ')}`,
    'Fix what the eBay checklist in the item editor marks, then publish.',
  );
}
