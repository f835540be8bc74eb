/**
 * Getting inventory in and out: CSV import (preview, then run with the mapping the seller
 * confirmed), CSV/JSON export, and item photos (files in the data folder, not in PouchDB).
 */
import { z } from 'zod';
import { ItemFieldsSchema, ItemSchema, PhotoRefSchema } from '../domain/inventory';
import { ItemFilterSchema, SortColumnSchema } from './inventory';
import { MAX_PHOTO_BASE64_CHARS, MAX_PHOTO_LABEL } from './photo-limits';
import { route } from './route';

/** The most characters of CSV one import takes: a 100k-row Seller Hub download fits. */
export const MAX_FILE_CHARS = 100_000_000;
/**
 * The most characters of one part of a file sent with `inventory.import.upload`: even a part
 * whose every character JSON escapes six-fold stays under browser mode's message cap.
 */
export const UPLOAD_PART_CHARS = 4_000_000;

const UploadIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Use a ULID as the upload id.');

export const IMPORT_FORMATS = ['ebay-active-listings', 'ebay-file-exchange', 'generic'] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** Item fields a CSV column can fill. Quantity becomes the stock on hand (by a movement). */
export const IMPORT_FIELDS = [
  'sku',
  'title',
  'description',
  'brand',
  'category',
  'condition',
  'quantity',
  'cost',
  'listPrice',
  'salePrice',
  'fees',
  'shippingCost',
  'packageWeight',
  'packageSize',
  'location',
  'status',
  'acquiredAt',
  'listedAt',
  'soldAt',
  'tags',
  'notes',
  'ebayItemId',
] as const;
export const ImportFieldSchema = z.enum(IMPORT_FIELDS);
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** A column's target: an item field, an item specific (`specific:<Name>`), or null to ignore it. */
export const ColumnTargetSchema = z
  .union([ImportFieldSchema, z.string().regex(/^specific:.{1,65}$/, 'Use specific:<Name> for an item specific.')])
  .nullable();
export type ColumnTarget = z.infer<typeof ColumnTargetSchema>;

export const ColumnMappingSchema = z.object({
  /** Position of the column in the file (0 = first), so repeated headers stay apart. */
  index: z.number().int().min(0).max(10_000),
  header: z.string(),
  target: ColumnTargetSchema,
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A problem with one row; `row` is the row number a spreadsheet shows for it. */
export const RowIssueSchema = z.object({ row: z.number().int().positive(), reason: z.string() });
export type RowIssue = z.infer<typeof RowIssueSchema>;

export const PreviewRowSchema = z.object({
  row: z.number().int().positive(),
  action: z.enum(['create', 'update']),
  fields: ItemFieldsSchema.partial(),
  quantity: z.number().int().optional(),
});

/** The file: its text in the call, or the id of an upload sent before in parts. */
const FileInput = z.object({
  text: z
    .string()
    .max(MAX_FILE_CHARS, 'The file is too large to import at once; split it into smaller files.')
    .optional(),
  uploadId: UploadIdSchema.optional(),
  fileName: z.string().trim().max(255).default('import.csv'),
});
const oneSource = (input: { text?: string; uploadId?: string }, ctx: z.RefinementCtx) => {
  if ((input.text === undefined) === (input.uploadId === undefined)) {
    ctx.addIssue({ code: 'custom', message: "Send either the file's text or the uploadId of its upload." });
  }
};

export const ExportQuerySchema = ItemFilterSchema.extend({
  sort: SortColumnSchema.default('sku'),
  dir: z.enum(['asc', 'desc']).default('asc'),
}).strict();

export const ImportResultSchema = z.object({
  importId: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Rows that wrote nothing: identical to the item already saved, in error, or held back by all-or-nothing. */
  skipped: z.number().int(),
  /** Rows in error (the list below may be cut at MAX_ISSUES). */
  errorCount: z.number().int(),
  errors: z.array(RowIssueSchema),
  warnings: z.array(RowIssueSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** The CSV operation running now and those waiting for it, each with how many are ahead of it. */
export const ImportQueueSchema = z.object({
  running: z.object({ id: z.string(), label: z.string() }).nullable(),
  waiting: z.array(z.object({ id: z.string(), label: z.string(), ahead: z.number().int().positive() })),
});
export type ImportQueue = z.infer<typeof ImportQueueSchema>;

export const inventoryIoRoutes = {
  'inventory.import.preview': route({
    summary:
      'Read a CSV: detected format, column mapping, first rows as they will import, row errors, new vs existing SKUs.',
    input: FileInput.extend({
      mapping: z.array(ColumnMappingSchema).max(10_000).optional(),
      /** Names this request in `inventory.import.queue` events, so the caller finds its place in line. */
      requestId: z.string().trim().min(1).max(64).optional(),
    })
      .strict()
      .superRefine(oneSource),
    output: z.object({
      format: ImportFormatSchema,
      /** Row number of the header (2 when an "Info" row comes first). */
      headerRow: z.number().int().positive(),
      mapping: z.array(ColumnMappingSchema),
      unmapped: z.array(z.string()),
      rows: z.array(PreviewRowSchema),
      errors: z.array(RowIssueSchema),
      warnings: z.array(RowIssueSchema),
      counts: z.object({
        rows: z.number().int(),
        valid: z.number().int(),
        invalid: z.number().int(),
        newSkus: z.number().int(),
        existingSkus: z.number().int(),
      }),
    }),
  }),
  'inventory.import.run': route({
    summary: 'Import a CSV with the confirmed mapping, matching items on SKU; reports progress as events.',
    input: FileInput.extend({
      mapping: z.array(ColumnMappingSchema).max(10_000).optional(),
      /** When true, a file with any bad row imports nothing. */
      allOrNothing: z.boolean().default(false),
      /** Lets the caller subscribe to progress before calling; one is made up when absent. */
      importId: z.string().trim().min(1).max(64).optional(),
    })
      .strict()
      .superRefine(oneSource),
    output: ImportResultSchema,
  }),
  'inventory.import.upload': route({
    summary:
      'Send a CSV file in parts (numbered from 0, the last one marked); preview and import then name it by uploadId.',
    input: z
      .object({
        uploadId: UploadIdSchema,
        part: z
          .number()
          .int()
          .min(0)
          .max(Math.ceil(MAX_FILE_CHARS / 1000)),
        text: z
          .string()
          .max(UPLOAD_PART_CHARS, `Send at most ${UPLOAD_PART_CHARS.toLocaleString('en-US')} characters per part.`),
        last: z.boolean(),
      })
      .strict(),
    output: z.object({ uploadId: z.string(), chars: z.number().int(), complete: z.boolean() }),
  }),
  'inventory.import.discard': route({
    summary: 'Forget an uploaded file (the import wizard was closed).',
    input: z.object({ uploadId: UploadIdSchema }).strict(),
    output: z.object({ discarded: z.boolean() }),
  }),
  'inventory.export': route({
    summary: 'All items, or those a filter matches, as CSV or JSON file text with a suggested file name.',
    input: z.object({ format: z.enum(['csv', 'json']).default('csv'), query: ExportQuerySchema.optional() }).strict(),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string(), count: z.number().int() }),
  }),
};

const ItemIdSchema = z.string().regex(/^item:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use an item id such as item:01J….');
const HashSchema = z.string().regex(/^[a-f0-9]{64}$/, 'Use the photo hash from the item (64 hex characters).');

export const photoRoutes = {
  'photos.add': route({
    summary: 'Add a photo (its bytes as base64) to an item; identical photos are stored once.',
    input: z
      .object({
        itemId: ItemIdSchema,
        fileName: z.string().trim().min(1).max(255),
        // The exact byte size is checked in core; this only refuses text no photo could be.
        base64: z
          .string()
          .min(1, 'The photo is empty.')
          .max(MAX_PHOTO_BASE64_CHARS, `Photos can be at most ${MAX_PHOTO_LABEL}.`),
      })
      .strict(),
    output: z.object({ photo: PhotoRefSchema, item: ItemSchema }),
  }),
  'photos.remove': route({
    summary: 'Remove a photo from an item; its file is deleted once no item uses it.',
    input: z.object({ itemId: ItemIdSchema, hash: HashSchema }).strict(),
    output: z.object({ item: ItemSchema, fileDeleted: z.boolean() }),
  }),
  'photos.ensure': route({
    summary:
      'Makes a photo present on this device if it can be (from sync, fetching an original on demand); answers whether it is here.',
    input: z.object({ hash: HashSchema, size: z.enum(['thumb', 'full']).default('thumb') }).strict(),
    output: z.object({ here: z.boolean() }),
  }),
  'photos.get': route({
    summary: 'A photo as a data: URL, as a 256 px thumbnail or in full (fetched through sync when it can be).',
    input: z.object({ hash: HashSchema, size: z.enum(['thumb', 'full']).default('thumb') }).strict(),
    output: z.object({ url: z.string(), mimeType: z.string(), bytes: z.number().int() }),
  }),
};

/** Photos written out on this device after they came from another one through sync. */
export const PhotosArrivedSchema = z.object({ hashes: z.array(HashSchema) });

export const ImportProgressSchema = z.object({
  importId: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
