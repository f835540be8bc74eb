/**
 * The inventory model shared by core and renderer. Documents in the inventory database:
 *
 *   item:<ulid>                 an item, edited in place; `fieldTimes` records when each field
 *                               last changed so sync conflicts resolve field by field
 *   move:<itemUlid>:<ulid>      an append-only stock movement; stock on hand = sum of deltas
 *   sale:<ulid>                 an append-only sale (with its own `sold` movement)
 *
 * IDs are ULIDs: unique across devices and sorted by creation time. Money is in the
 * seller's currency units, rounded to cents at the boundary.
 */
import { z } from 'zod';
import { PackageSizeSchema, PackageWeightSchema } from './package';

export const ITEM_STATUSES = ['draft', 'ready', 'listed', 'sold', 'archived'] as const;
export const ItemStatusSchema = z.enum(ITEM_STATUSES);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

export const MOVEMENT_KINDS = ['received', 'sold', 'adjusted', 'returned'] as const;
export const MovementKindSchema = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKindSchema>;

const roundCents = (n: number) => Math.round(n * 100) / 100;
export const MoneySchema = z
  .number({ error: 'Enter an amount such as 12.50.' })
  .finite()
  .min(0, 'An amount cannot be negative.')
  .max(10_000_000)
  .transform(roundCents);
/** Calendar dates as YYYY-MM-DD; instants as ISO strings. */
export const DateSchema = z.iso.date({ error: 'Use a date like 2026-11-25.' });

export const ItemSpecificSchema = z.object({
  name: z.string().trim().min(1).max(65),
  value: z.string().trim().max(65),
});

export const PhotoRefSchema = z.object({
  /** SHA-256 of the file's bytes: the photo's file name in the data folder. */
  hash: z.string().regex(/^[a-f0-9]{64}$/),
  ext: z.enum(['jpg', 'png', 'webp', 'gif', 'heic']),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type PhotoRef = z.infer<typeof PhotoRefSchema>;

/** Every field a seller edits on an item. Quantity is not here: it derives from movements. */
export const ItemFieldsSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1, 'Every item needs a SKU.')
    .max(50, 'eBay allows SKUs (Custom label) of at most 50 characters.'),
  title: z.string().trim().min(1, 'Every item needs a title.').max(500),
  description: z.string().max(500_000),
  brand: z.string().trim().max(65),
  category: z.string().trim().max(200),
  condition: z.string().trim().max(100),
  specifics: z.array(ItemSpecificSchema).max(100),
  cost: MoneySchema.nullable(),
  listPrice: MoneySchema.nullable(),
  location: z.string().trim().max(100),
  status: ItemStatusSchema,
  acquiredAt: DateSchema.nullable(),
  listedAt: DateSchema.nullable(),
  soldAt: DateSchema.nullable(),
  salePrice: MoneySchema.nullable(),
  fees: MoneySchema.nullable(),
  shippingCost: MoneySchema.nullable(),
  /**
   * The packed item, for calculated shipping. Optional as well as nullable: items saved
   * before these fields existed (or synced from an older version) have neither.
   */
  packageWeight: PackageWeightSchema.nullable().optional(),
  packageSize: PackageSizeSchema.nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  notes: z.string().max(100_000),
  photos: z.array(PhotoRefSchema).max(24),
  /** eBay's item number, when the item is listed there. */
  ebayItemId: z.string().trim().max(32).nullable(),
});
export type ItemFields = z.infer<typeof ItemFieldsSchema>;
export type ItemField = keyof ItemFields;

export const EMPTY_ITEM: Omit<ItemFields, 'sku' | 'title'> = {
  description: '',
  brand: '',
  category: '',
  condition: '',
  specifics: [],
  cost: null,
  listPrice: null,
  location: '',
  status: 'draft',
  acquiredAt: null,
  listedAt: null,
  soldAt: null,
  salePrice: null,
  fees: null,
  shippingCost: null,
  packageWeight: null,
  packageSize: null,
  tags: [],
  notes: '',
  photos: [],
  ebayItemId: null,
};

/** A losing value from a sync conflict, kept so the seller can pick it instead. */
export const FieldConflictSchema = z.object({
  field: z.string(),
  value: z.unknown(),
  changedAt: z.string(),
  /** The revision that carried the losing value. */
  rev: z.string(),
});
export type FieldConflict = z.infer<typeof FieldConflictSchema>;

/** An item as routes return it: its fields plus what core derives. */
export const ItemSchema = ItemFieldsSchema.extend({
  id: z.string(),
  rev: z.string(),
  quantity: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  conflicts: z.array(FieldConflictSchema),
});
export type Item = z.infer<typeof ItemSchema>;
