/**
 * Listing on eBay from FlipSync: the one-time setup (business policies, inventory location),
 * the preflight checklist of what eBay would refuse, and publishing, revising and ending a
 * listing through a persisted queue.
 */
import { z } from 'zod';
import { route } from './route';
import { ProposalSchema } from './agents';

const ItemId = z.string().regex(/^item:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use an item id such as item:01J….');

const PolicySchema = z.object({ id: z.string(), name: z.string() });

export const EbayListingSetupSchema = z.object({
  connected: z.boolean(),
  marketplaceId: z.string(),
  /** The account takes part in business policies (eBay needs it before policies can be read or used). */
  optedIn: z.boolean(),
  fulfillment: z.array(
    PolicySchema.extend({
      /** Calculated shipping: eBay needs each item's package weight and size (preflight checks them). */
      calculated: z.boolean(),
    }),
  ),
  payment: z.array(PolicySchema),
  returns: z.array(PolicySchema),
  locations: z.array(z.object({ key: z.string(), name: z.string(), city: z.string() })),
  /** Why something could not be read (an opt-in eBay is still applying), in words the seller can act on. */
  message: z.string().optional(),
});
export type EbayListingSetup = z.infer<typeof EbayListingSetupSchema>;

export const LocationInputSchema = z
  .object({
    key: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9_-]{1,36}$/,
        'Use up to 36 letters, digits, - or _ for the location key (it cannot change later).',
      ),
    name: z.string().trim().min(1, 'Name the location, e.g. Home.').max(1000),
    addressLine1: z.string().trim().max(128),
    city: z.string().trim().min(1, 'eBay needs the city the items ship from.').max(128),
    stateOrProvince: z.string().trim().max(128),
    postalCode: z.string().trim().min(1, 'eBay needs the postal code the items ship from.').max(16),
    country: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, 'Use the two-letter country code, e.g. US or GB.'),
  })
  .strict();
export type LocationInput = z.infer<typeof LocationInputSchema>;

export const PREFLIGHT_CHECKS = [
  'connected',
  'setup',
  'title',
  'category',
  'condition',
  'specifics',
  'photos',
  'price',
  'quantity',
  'package',
  'identifier',
  'fees',
] as const;

export const PreflightLineSchema = z.object({
  check: z.enum(PREFLIGHT_CHECKS),
  /** ok: eBay will accept it; fail: eBay would refuse the listing; info: worth knowing, not a refusal. */
  state: z.enum(['ok', 'fail', 'info']),
  label: z.string(),
  /** What is wrong and how to fix it (or what FlipSync will send). */
  detail: z.string(),
  /** The item field that fixes it, for a link into the editor; null when the fix is elsewhere. */
  field: z.string().nullable(),
  /** Values the seller can pick (leaf categories eBay suggests for the title, allowed conditions). */
  choices: z.array(z.object({ value: z.string(), label: z.string() })).default([]),
  /** Something the seller can ask for on this line: eBay's fees for a draft of the item. */
  action: z.enum(['ask-fees']).nullable().default(null),
});
export type PreflightLine = z.infer<typeof PreflightLineSchema>;

export const EbayListingStateSchema = z.object({
  itemId: z.string(),
  /** What was asked last: publish (or revise) the listing, or end it. */
  action: z.enum(['publish', 'end']),
  state: z.enum(['pending', 'sending', 'done', 'failed']),
  /** Where a publish is: photos, item, offer, publish (a retry goes on from there). */
  step: z.string(),
  attempts: z.number().int().nonnegative(),
  nextAt: z.string().nullable(),
  reason: z.string().nullable(),
  hint: z.string().nullable(),
  errorId: z.number().int().nullable(),
  listingId: z.string().nullable(),
  url: z.string().nullable(),
  /** Revisions of this listing made today by FlipSync (eBay allows 250 a day). */
  revisionsToday: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type EbayListingState = z.infer<typeof EbayListingStateSchema>;

export const PreflightSchema = z.object({
  itemId: z.string(),
  /** The listing: none yet (or ended), published through the Inventory API, or made on eBay's site. */
  target: z.enum(['new', 'api', 'site']),
  ready: z.boolean(),
  lines: z.array(PreflightLineSchema),
  listing: EbayListingStateSchema.nullable(),
});
export type Preflight = z.infer<typeof PreflightSchema>;

const ById = z.object({ id: ItemId }).strict();
const ByProposal = z
  .object({
    proposalId: z.string().regex(/^proposal:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use a proposal id such as proposal:01J….'),
  })
  .strict();

export const ebayListingRoutes = {
  'ebay.listing.setup': route({
    summary: "The account's business-policy opt-in, its policies and inventory locations, read from eBay.",
    input: z.object({}).strict().optional(),
    output: EbayListingSetupSchema,
  }),
  'ebay.listing.optIn': route({
    summary: 'Opts the account in to business policies (eBay can take a while to apply it).',
    input: z.object({}).strict().optional(),
    output: EbayListingSetupSchema,
  }),
  'ebay.listing.createLocation': route({
    summary: 'Creates the inventory location listings ship from, and picks it.',
    input: LocationInputSchema,
    output: EbayListingSetupSchema,
  }),
  'ebay.listing.preflight': route({
    summary: 'What eBay would refuse about listing this item, each with how to fix it.',
    input: ById,
    output: PreflightSchema,
  }),
  'ebay.listing.fees': route({
    summary:
      'Asks eBay what listing the item would cost: puts it on eBay as an unpublished draft offer (invisible to buyers) and answers the preflight with the fees.',
    input: ById,
    output: PreflightSchema,
  }),
  'ebay.listing.publish': route({
    summary: 'Publishes the item on eBay, or revises its live listing; queued, so offline it waits and happens once.',
    input: ById,
    output: EbayListingStateSchema,
  }),
  'ebay.listing.end': route({
    summary: 'Ends the live eBay listing of the item (withdraws the offer); queued like publishing.',
    input: ById,
    output: EbayListingStateSchema,
  }),
  'ebay.listing.proposalPreflight': route({
    summary: "The preflight of a listing writer's proposal: the item as it would be once applied, checked for eBay.",
    input: ByProposal,
    output: PreflightSchema,
  }),
  'ebay.listing.applyAndPublish': route({
    summary:
      "Applies a listing writer's proposal and publishes the item on eBay (the seller's explicit decision); refused, with nothing applied, when preflight fails.",
    input: ByProposal,
    output: z.object({ proposal: ProposalSchema, listing: EbayListingStateSchema.nullable() }),
  }),
  'ebay.listing.migrate': route({
    summary:
      "Moves the item's listing made on eBay's site into the Inventory API. One way: afterwards some of its settings can no longer be revised in Seller Hub. Only on the seller's explicit say.",
    input: z.object({ id: ItemId, understood: z.literal(true, 'Confirm that the move cannot be undone.') }).strict(),
    output: PreflightSchema,
  }),
  'ebay.listing.state': route({
    summary: 'Where publishing or ending the item stands; null when it was never asked.',
    input: ById,
    output: EbayListingStateSchema.nullable(),
  }),
};
