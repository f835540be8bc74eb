/**
 * Inventory routes. Lists are served from core's in-memory index (summaries, not whole
 * items); `inventory.get` reads the item itself with its stock derived from movements.
 */
import { z } from 'zod';
import { OperationIdSchema } from './operations';
import {
  DateSchema,
  ItemFieldsSchema,
  ItemSchema,
  ItemStatusSchema,
  MoneySchema,
  MovementKindSchema,
  PhotoRefSchema,
} from '../domain/inventory';
import { route } from './route';

const IdSchema = z.string().regex(/^item:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use an item id such as item:01J….');
const RevSchema = z.string().regex(/^\d+-[a-f0-9]+$/, 'Send the rev of the item as you loaded it.');

/** One row of the inventory table: what the index keeps in memory for every item. */
export const ItemSummarySchema = z.object({
  id: z.string(),
  rev: z.string(),
  sku: z.string(),
  title: z.string(),
  brand: z.string(),
  category: z.string(),
  condition: z.string(),
  location: z.string(),
  status: ItemStatusSchema,
  cost: z.number().nullable(),
  listPrice: z.number().nullable(),
  salePrice: z.number().nullable(),
  quantity: z.number().int(),
  tags: z.array(z.string()),
  photo: PhotoRefSchema.nullable(),
  acquiredAt: z.string().nullable(),
  listedAt: z.string().nullable(),
  soldAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** How many losing sync values wait for the seller in the Conflicts view. */
  conflictCount: z.number().int().nonnegative(),
  /** eBay's item number when the item is listed there (matched on by imports). */
  ebayItemId: z.string().nullable(),
});
export type ItemSummary = z.infer<typeof ItemSummarySchema>;

export const SORT_COLUMNS = [
  'sku',
  'title',
  'brand',
  'category',
  'condition',
  'location',
  'status',
  'cost',
  'listPrice',
  'salePrice',
  'quantity',
  'acquiredAt',
  'listedAt',
  'soldAt',
  'createdAt',
  'updatedAt',
] as const;
export const SortColumnSchema = z.enum(SORT_COLUMNS);
export type SortColumn = z.infer<typeof SortColumnSchema>;

const Names = z.array(z.string().trim().max(200)).max(200);

/** Which items: every criterion given must hold. Without a status filter archived items are left out. */
export const ItemFilterSchema = z
  .object({
    q: z.string().max(500).optional(),
    status: z.array(ItemStatusSchema).max(5).optional(),
    category: Names.optional(),
    brand: Names.optional(),
    location: Names.optional(),
    tag: z.string().trim().max(50).optional(),
    priceMin: z.number().min(0).optional(),
    priceMax: z.number().min(0).optional(),
    /** Age in days since acquired; without an acquired date, since listed, else since added. */
    ageMinDays: z.number().int().min(0).optional(),
    ageMaxDays: z.number().int().min(0).optional(),
    /** Items with an eBay item number ('listed': imported from or published to eBay), or without. */
    ebay: z.enum(['listed', 'not-listed']).optional(),
  })
  .strict();
export type ItemFilter = z.infer<typeof ItemFilterSchema>;

export const ListQuerySchema = ItemFilterSchema.extend({
  sort: SortColumnSchema.default('updatedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
}).strict();
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const ItemPageSchema = z.object({
  items: z.array(ItemSummarySchema),
  /** How many items match, across all pages. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});

const ItemPatchSchema = ItemFieldsSchema.partial().strict();

export const StockWarningSchema = z.object({
  code: z.literal('OVERSOLD'),
  message: z.string(),
  quantity: z.number().int(),
});

export const MovementSchema = z.object({
  id: z.string(),
  kind: MovementKindSchema,
  delta: z.number().int(),
  at: z.string(),
  note: z.string(),
  saleId: z.string().nullable(),
});
export const SaleSchema = z.object({
  id: z.string(),
  quantity: z.number().int().positive(),
  price: z.number(),
  fees: z.number(),
  /** The fees are worked out from the order until eBay's Finances reports what it charged. */
  feesEstimated: z.boolean(),
  shippingCost: z.number(),
  at: z.string(),
  channel: z.string(),
  /** Money handed back without a return (partial refunds), in all; 0 when none. */
  refunded: z.number(),
});
export const HistoryEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), at: z.string() }),
  z.object({ type: z.literal('edited'), at: z.string(), fields: z.array(z.string()) }),
  z.object({ type: z.literal('movement'), at: z.string(), movement: MovementSchema }),
  z.object({ type: z.literal('sale'), at: z.string(), sale: SaleSchema }),
]);
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const Target = z.union([
  z.object({ ids: z.array(IdSchema).min(1).max(100_000) }).strict(),
  z.object({ filter: ItemFilterSchema }).strict(),
]);

export const BulkChangeSchema = z
  .object({
    price: z
      .union([
        z.object({ byPercent: z.number().min(-100).max(1000) }).strict(),
        z.object({ byAmount: z.number().min(-1_000_000).max(1_000_000) }).strict(),
        z.object({ set: MoneySchema }).strict(),
      ])
      .optional(),
    status: ItemStatusSchema.optional(),
    location: z.string().trim().max(100).optional(),
    addTags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    removeTags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'Choose at least one change to apply.');

const Facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

export const inventoryRoutes = {
  'inventory.list': route({
    summary: 'Search, filter, sort and page the inventory (served from memory).',
    input: ListQuerySchema,
    output: ItemPageSchema,
  }),
  'inventory.get': route({
    summary: 'One item with all its fields and its stock on hand.',
    input: z.object({ id: IdSchema }).strict(),
    output: ItemSchema,
  }),
  'inventory.create': route({
    summary: 'Create an item; an initial quantity is recorded as a received movement.',
    input: ItemPatchSchema.extend({
      sku: ItemFieldsSchema.shape.sku,
      title: ItemFieldsSchema.shape.title,
      quantity: z.number().int().min(0).max(1_000_000).default(1),
    }).strict(),
    output: ItemSchema,
  }),
  'inventory.update': route({
    summary: 'Change some fields of an item, checked against the rev the seller edited.',
    input: z
      .object({
        id: IdSchema,
        rev: RevSchema,
        changes: ItemPatchSchema,
        /** A new stock on hand; recorded as an adjusted movement of the difference. */
        quantity: z.number().int().min(-1_000_000).max(1_000_000).optional(),
      })
      .strict(),
    output: ItemSchema,
  }),
  'inventory.archive': route({
    summary: 'Set an item to archived (kept, hidden from the default list).',
    input: z.object({ id: IdSchema, rev: RevSchema }).strict(),
    output: ItemSchema,
  }),
  'inventory.delete': route({
    summary: 'Delete an item. Its movements and sales stay for the books.',
    input: z.object({ id: IdSchema, rev: RevSchema }).strict(),
    output: z.object({ id: z.string(), deleted: z.literal(true) }),
  }),
  'inventory.bulkEdit': route({
    summary: 'Apply one change to a list of items or to every item matching a filter.',
    input: z.intersection(
      Target,
      z.object({
        change: BulkChangeSchema,
        /** Made by the caller: sending the same request again (a retry) applies it once. */
        operationId: OperationIdSchema.optional(),
      }),
    ),
    output: z.object({ matched: z.number().int(), changed: z.number().int(), failed: z.number().int() }),
  }),
  'inventory.adjustStock': route({
    summary: 'Record a stock movement: received, adjusted or returned units.',
    input: z
      .object({
        id: IdSchema,
        kind: z.enum(['received', 'adjusted', 'returned']),
        delta: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((d) => d !== 0, 'A movement must add or remove at least one unit.'),
        note: z.string().max(1000).default(''),
      })
      .strict(),
    output: z.object({ quantity: z.number().int(), movement: MovementSchema }),
  }),
  'inventory.recordSale': route({
    summary: 'Record a sale (its own document plus a sold movement).',
    input: z
      .object({
        id: IdSchema,
        quantity: z.number().int().min(1).max(100_000).default(1),
        price: MoneySchema,
        fees: MoneySchema.default(0),
        shippingCost: MoneySchema.default(0),
        date: DateSchema.optional(),
        channel: z.string().trim().max(50).default('ebay'),
      })
      .strict(),
    output: z.object({
      sale: SaleSchema,
      quantity: z.number().int(),
      warnings: z.array(StockWarningSchema),
    }),
  }),
  'inventory.history': route({
    summary: "An item's movements, sales and recorded edits, newest first.",
    input: z.object({ id: IdSchema }).strict(),
    output: z.object({ entries: z.array(HistoryEntrySchema), fieldTimes: z.record(z.string(), z.string()) }),
  }),
  'inventory.facets': route({
    summary: 'Distinct categories, brands, locations and tags with counts, for filter pickers.',
    input: z.object({}).strict().optional(),
    output: z.object({ category: Facet, brand: Facet, location: Facet, tag: Facet, status: Facet }),
  }),
};

/** Items whose documents changed: by this window (`local`) or arriving in the database otherwise (sync). */
export const InventoryChangedEventSchema = z.object({
  ids: z.array(z.string()),
  source: z.enum(['local', 'feed']),
});
/** Stock fell to the seller's low-stock threshold, or below zero (two devices sold the last unit). */
/** A sale recorded on this device (sales arriving by sync are counted, not announced). */
export const ItemSoldEventSchema = z.object({
  saleId: z.string(),
  itemId: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  price: z.number(),
});

export const LowStockEventSchema = z.object({
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  quantity: z.number().int(),
  threshold: z.number().int(),
  oversold: z.boolean(),
});
