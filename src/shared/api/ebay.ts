/**
 * eBay: signing in (through the token relay or the seller's own developer keys), the
 * account's status, and bringing the seller's eBay listings into the inventory. Tokens and
 * the client secret go in and never come back out.
 */
import { z } from 'zod';
import { headerSafe } from './credential-text';
import { route } from './route';

/** The tag an import puts on an item whose eBay listing ended (the item is kept, never deleted). */
export const EBAY_ENDED_TAG = 'eBay ended';

/** Where listings are seen, per environment. */
export const EBAY_WEB = { production: 'https://www.ebay.com', sandbox: 'https://www.sandbox.ebay.com' } as const;

/** The page of a listing on eBay. */
export const ebayListingUrl = (environment: keyof typeof EBAY_WEB, itemNumber: string) =>
  `${EBAY_WEB[environment]}/itm/${encodeURIComponent(itemNumber)}`;

export const EbayApiNameSchema = z.enum([
  'identity',
  'inventory',
  'fulfillment',
  'trading',
  'browse',
  'taxonomy',
  'finances',
  'account',
  'metadata',
  'media',
  'oauth',
]);
export type EbayApiName = z.infer<typeof EbayApiNameSchema>;

export const EbayUsageSchema = z.object({
  api: EbayApiNameSchema,
  /** Calls made today (UTC day, as eBay counts) from this data folder. */
  calls: z.number().int().nonnegative(),
  /** The keyset's daily limit for that API (shared by every install of the keyset). */
  limit: z.number().int().positive(),
});

export const EbayStatusSchema = z.object({
  environment: z.enum(['production', 'sandbox']),
  signIn: z.enum(['relay', 'own-keys']),
  connected: z.boolean(),
  /** The account's tokens stopped working (consent withdrawn or expired): connect again. */
  needsReconnect: z.boolean(),
  reason: z.string().optional(),
  user: z.object({ userId: z.string(), username: z.string() }).nullable(),
  scopes: z.array(z.string()),
  connectedAt: z.string().nullable(),
  /** When the seller's consent (the refresh token) runs out. */
  consentExpiresAt: z.string().nullable(),
  /** True within 30 days of that: the seller should connect again before it ends. */
  consentEndingSoon: z.boolean(),
  /** Own keys: whether a client secret is stored (never the secret itself). */
  hasClientSecret: z.boolean(),
  usage: z.array(EbayUsageSchema),
});
export type EbayStatus = z.infer<typeof EbayStatusSchema>;

const LoopbackUrl = z.url({ protocol: /^http$/ }).refine((value) => {
  const host = new URL(value).hostname;
  return host === '127.0.0.1' || host === 'localhost';
}, 'The return address must be this computer (http://127.0.0.1:<port>/…).');

export const EBAY_IMPORT_STATES = ['idle', 'running', 'done', 'cancelled', 'failed'] as const;

export const EbayImportStatusSchema = z.object({
  state: z.enum(EBAY_IMPORT_STATES),
  /** Which source is being read: listings made on the site (Trading) or through the Inventory API. */
  phase: z.enum(['site', 'api', 'ending', 'pictures', 'finished']),
  /** Listings read from eBay so far, and how many eBay says there are (0 until known). */
  read: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Items whose listing is no longer active on eBay (marked ended; never deleted). */
  ended: z.number().int().nonnegative(),
  /** Items that got their listing's first picture as a photo; pictures that could not be had. */
  pictures: z.number().int().nonnegative(),
  picturesMissed: z.number().int().nonnegative(),
  failed: z.array(z.object({ itemNumber: z.string(), sku: z.string(), message: z.string() })),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Why it failed or stopped, in words the seller can act on. */
  message: z.string().optional(),
  hint: z.string().optional(),
});
export type EbayImportStatus = z.infer<typeof EbayImportStatusSchema>;

const Count = z.number().int().nonnegative();
export const EbayPollResultSchema = z.object({
  recorded: Count,
  known: Count,
  unmatched: Count,
  /** Lines of orders cancelled before they were taken in: never sales. */
  cancelled: Count,
  /** Lines taken in as sales, then cancelled: each got its return. */
  returned: Count.default(0),
  /** Passes over the orders: more than one when orders changed while they were read. */
  passes: Count,
  /** False: orders kept changing; the next poll reads from the same place again. */
  settled: z.boolean(),
  /** Sales whose estimated fees were replaced by what eBay's Finances reports. */
  feesSettled: Count.default(0),
});

export const EbayOrdersStatusSchema = z.object({
  /** An eBay account is connected: orders are read by themselves. */
  connected: z.boolean(),
  lastPollAt: z.string().nullable(),
  /** What the last poll did; null before the first. */
  last: EbayPollResultSchema.nullable(),
  /** Why the last poll failed, in words the seller can act on; null when it worked. */
  lastError: z.object({ message: z.string(), hint: z.string().optional(), at: z.string() }).nullable(),
  /** When orders are read next by themselves; null when no poll is scheduled. */
  nextPollAt: z.string().nullable(),
  /** Order lines waiting to be matched to an item. */
  unmatched: Count,
});
export type EbayOrdersStatus = z.infer<typeof EbayOrdersStatusSchema>;

export const UnmatchedLineSchema = z.object({
  orderId: z.string(),
  lineItemId: z.string(),
  sku: z.string(),
  itemNumber: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  at: z.string(),
  /** Price per unit eBay reported; null for a line kept before FlipSync stored it. */
  price: z.number().nullable(),
  /** ISO code of the price, as eBay gave it ('' when it did not). */
  currency: z.string(),
  /** Money eBay handed back on the line while it waited (a partial refund); 0 when none. */
  refunded: z.number(),
});

/** One eBay listing's quantity update waiting in the outbox, sent, held or failed. */
export const EbayOutboxEntrySchema = z.object({
  listing: z.string(),
  itemId: z.string(),
  sku: z.string(),
  /** The quantity wanted on eBay (the item's stock on hand, never below 0). */
  quantity: z.number().int(),
  /** What eBay holds as last known (read by an import, or last sent); null when unknown. */
  known: z.number().int().nullable(),
  state: z.enum(['pending', 'sent', 'held', 'failed']),
  attempts: z.number().int(),
  /** When it is tried again; null: as soon as eBay is reachable. */
  nextAt: z.string().nullable(),
  /** Why it waits or failed, in words; null when nothing is wrong. */
  reason: z.string().nullable(),
  /** The UTC day its revisions are counted for, and how many were sent that day. */
  day: z.string(),
  revisions: z.number().int(),
  sentAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type EbayOutboxEntry = z.infer<typeof EbayOutboxEntrySchema>;

export const EbayOutboxStatusSchema = z.object({
  pending: Count,
  held: Count,
  failed: Count,
  /** Every entry that waits, is held or failed, then the 100 most recently sent. */
  entries: z.array(EbayOutboxEntrySchema),
  /** Why nothing is being sent now, when it is not eBay's doing (sync catching up). */
  waitingFor: z.string().optional(),
});
export type EbayOutboxStatus = z.infer<typeof EbayOutboxStatusSchema>;

const Empty = z.object({}).strict().optional();
const Listing = z.object({ listing: z.string().regex(/^\d{1,20}$/, 'Name the eBay item number.') }).strict();

export const ebayRoutes = {
  'ebay.status': route({
    summary: 'Whether an eBay account is connected, who it is, its consent and today’s calls.',
    input: Empty,
    output: EbayStatusSchema,
  }),
  'ebay.setClientSecret': route({
    summary: 'Own developer keys: store the client secret ("" forgets it). It never comes back out.',
    input: z.object({ secret: headerSafe(z.string().trim().max(500), 'The client secret', true) }).strict(),
    output: EbayStatusSchema,
  }),
  'ebay.connect.begin': route({
    summary: 'Starts signing in: answers eBay’s consent address to open.',
    input: z
      .object({
        /** Browser mode: the app's own loopback callback, where the accept page sends the code. */
        returnTo: LoopbackUrl.optional(),
      })
      .strict(),
    output: z.object({ url: z.string() }),
  }),
  'ebay.connect.complete': route({
    summary: 'Finishes signing in with the address eBay’s accept page ended on (pasted or captured).',
    input: z
      .object({ url: z.string().trim().min(1, 'Paste the whole address the eBay page ended on.').max(8192) })
      .strict(),
    output: EbayStatusSchema,
  }),
  'ebay.disconnect': route({
    summary: 'Forgets the eBay account: its tokens are deleted.',
    input: Empty,
    output: EbayStatusSchema,
  }),
  'ebay.import.start': route({
    summary: 'Imports the seller’s eBay listings (resumes one that was interrupted).',
    input: Empty,
    output: EbayImportStatusSchema,
  }),
  'ebay.import.cancel': route({
    summary: 'Stops the running import; what was imported stays.',
    input: Empty,
    output: EbayImportStatusSchema,
  }),
  'ebay.import.status': route({
    summary: 'Where the eBay import is.',
    input: Empty,
    output: EbayImportStatusSchema,
  }),
  'ebay.orders.poll': route({
    summary: 'Checks eBay for new and changed orders now; each line becomes a sale once.',
    input: Empty,
    output: EbayOrdersStatusSchema,
  }),
  'ebay.orders.status': route({
    summary: 'When eBay’s orders were last read, what that did, and how many lines wait to be matched.',
    input: Empty,
    output: EbayOrdersStatusSchema,
  }),
  'ebay.outbox.status': route({
    summary: 'Quantity updates for eBay: waiting, held (250 revisions a day), failed with eBay’s reason, sent.',
    input: Empty,
    output: EbayOutboxStatusSchema,
  }),
  'ebay.outbox.retry': route({
    summary: 'Sends a failed or held quantity update again now.',
    input: Listing,
    output: EbayOutboxStatusSchema,
  }),
  'ebay.outbox.drop': route({
    summary: 'Drops a waiting quantity update: eBay keeps the quantity it has.',
    input: Listing,
    output: EbayOutboxStatusSchema,
  }),
  'ebay.orders.match': route({
    summary:
      'Matches an order line to the item with this SKU: it and every waiting line with its SKU or item number become sales, and later ones match by themselves.',
    input: z
      .object({
        orderId: z.string().trim().min(1).max(100),
        lineItemId: z.string().trim().min(1).max(100),
        sku: z.string().trim().min(1, 'Type the SKU of the item that sold.').max(100),
      })
      .strict(),
    output: z.object({ itemId: z.string(), matched: z.number().int() }),
  }),
  'ebay.orders.recent': route({
    summary: 'The newest sales taken in from eBay orders, newest first, with whether their fees are still estimated.',
    input: z
      .object({ limit: z.number().int().min(1).max(200).default(50) })
      .strict()
      .optional(),
    output: z.array(
      z.object({
        saleId: z.string(),
        itemId: z.string(),
        sku: z.string(),
        title: z.string(),
        quantity: z.number().int(),
        price: z.number(),
        fees: z.number(),
        feesEstimated: z.boolean(),
        at: z.string(),
      }),
    ),
  }),
  'ebay.orders.unmatched': route({
    summary: 'Order lines whose SKU and item number match no item, for the seller to match.',
    input: Empty,
    output: z.array(UnmatchedLineSchema),
  }),
};
