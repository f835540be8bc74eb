/**
 * Writes over many items at once: bulk edits from the table, and upsert-by-SKU for imports
 * (CSV and anything else that brings items in by SKU).
 */
import { EMPTY_ITEM, ItemFieldsSchema, type ItemFields } from '@shared/domain/inventory';
import type { z } from 'zod';
import type { BulkChangeSchema } from '@shared/api/inventory';
import { OPS_LOG_MAX, operationMovementId, type ItemDoc, type MovementDoc } from './docs';
import { applyChanges } from './fields';
import { movement, newItemDoc, type InventoryService, type Refused } from './service';

/**
 * Items per write, and per journal step of an import or bulk edit. An object, not a constant,
 * only so the kill tests can run many kill points over small inputs that still span several
 * steps (test/core/journal); nothing else changes it.
 */
export const writeChunk = { size: 2000 };
export type BulkChange = z.infer<typeof BulkChangeSchema>;
type Saved = ItemDoc & { _rev: string };

/** One row to upsert: `quantity`, when given, becomes the stock on hand (by a movement). */
export interface UpsertRow {
  fields: Partial<ItemFields> & { sku: string };
  quantity?: number;
  /**
   * Every field of a new item, already parsed by `ItemFieldsSchema` from these `fields` (the
   * CSV check does it for each row): used as is if the SKU is still new, saving a second parse.
   */
  checked?: ItemFields;
}
export interface UpsertResult {
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Rows not written, by their position in the input, with the reason. */
  failed: { index: number; sku: string; message: string }[];
}

/** The journal operation a write belongs to: its id marks items, its ulid names movements. */
export interface OperationMark {
  id: string;
  ulid: string;
}

/** The item with the operation named on it (the mark a resumed step looks for). */
export function marked(doc: ItemDoc, op: OperationMark | undefined): ItemDoc {
  if (!op) return doc;
  return { ...doc, ops: [...(doc.ops ?? []), op.id].slice(-OPS_LOG_MAX) };
}
export const isMarked = (doc: ItemDoc, op: OperationMark | undefined) => !!op && !!doc.ops?.includes(op.id);

export const chunks = <T>(list: T[], size = writeChunk.size) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

export async function readMany(service: InventoryService, ids: string[]): Promise<Saved[]> {
  const res = await service.db.allDocs<ItemDoc>({ keys: ids, include_docs: true });
  return res.rows.flatMap((r) => ('doc' in r && r.doc && r.doc.type === 'item' ? [r.doc as Saved] : []));
}

export function changeFor(doc: ItemDoc, change: BulkChange): Partial<ItemFields> {
  const out: Partial<ItemFields> = {};
  const price = doc.fields.listPrice;
  if (change.price && 'set' in change.price) out.listPrice = change.price.set;
  else if (change.price && price !== null) {
    const next =
      'byPercent' in change.price ? price * (1 + change.price.byPercent / 100) : price + change.price.byAmount;
    out.listPrice = Math.max(0, Math.round(next * 100) / 100);
  }
  if (change.status) out.status = change.status;
  if (change.location !== undefined) out.location = change.location;
  if (change.addTags || change.removeTags) {
    const remove = new Set((change.removeTags ?? []).map((t) => t.toLowerCase()));
    const tags = doc.fields.tags.filter((t) => !remove.has(t.toLowerCase()));
    for (const tag of change.addTags ?? []) {
      if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
    }
    out.tags = tags;
  }
  return out;
}

function notSaved({ status, message }: Refused): string {
  return status === 409
    ? 'Not saved: the item changed while importing (an edit arrived by sync). Import the file again to apply this row.'
    : `Not saved: ${message}`;
}

function parseNew(fields: UpsertRow['fields']): ItemFields {
  const parsed = ItemFieldsSchema.safeParse({ ...EMPTY_ITEM, ...fields });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${String(issue?.path[0] ?? 'item')}: ${issue?.message}`);
}

/**
 * Creates items whose SKU is new and updates the given fields of items whose SKU exists
 * (SKUs compared without case), in chunks. Nothing is written for a row that fails; other
 * rows go on. Callers wanting all-or-nothing validate first (every row is checked here too).
 */
export function bulkUpsertBySku(service: InventoryService, rows: UpsertRow[]): Promise<UpsertResult> {
  return service.serial(() => service.live.duringBulk(() => upsertBySku(service, rows)));
}

/**
 * The upsert itself, for callers already holding the write queue (a journal step). With an
 * operation, items it writes name it and movements get its ids, so running the same rows again
 * after a crash finishes what is missing and repeats nothing.
 */
export async function upsertBySku(service: InventoryService, rows: UpsertRow[], op?: OperationMark) {
  const result: UpsertResult = { created: [], updated: [], unchanged: [], failed: [] };
  const seen = new Map<string, number>();
  const duplicates = new Set<number>();
  const indexed = rows.map((row, index) => ({ row, index }));
  for (const part of chunks(indexed)) {
    const at = new Date().toISOString();
    const existingIds = new Map<number, string>();
    for (const { row, index } of part) {
      const key = String(row.fields.sku ?? '')
        .trim()
        .toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        result.failed.push({ index, sku: row.fields.sku, message: `The SKU also appears in row ${first + 1}.` });
        duplicates.add(index);
        continue;
      }
      seen.set(key, index);
      const id = service.index.idsBySku(row.fields.sku)[0];
      if (id) existingIds.set(index, id);
    }
    const existing = new Map((await readMany(service, [...existingIds.values()])).map((d) => [d._id, d]));
    const items: ItemDoc[] = [];
    const owners: { index: number; sku: string; kind: 'created' | 'updated' }[] = [];
    /** Movements of new items: written in the same bulkDocs call (one LevelDB batch) as the item. */
    const withItems: MovementDoc[] = [];
    /** Movements of updated items: written after the item, only if the item was saved. */
    const moves: { move: MovementDoc; index: number; sku: string }[] = [];
    /** Items this operation already wrote before a crash: their movement may be missing. */
    const resumed: { move: MovementDoc; index: number; sku: string }[] = [];
    const stockMove = (id: string, current: ItemDoc | undefined, quantity: number) => {
      const have = current ? service.index.quantity(id) : 0;
      if (quantity === have) return null;
      const kind = current || quantity < 0 ? 'adjusted' : 'received';
      const move = movement(id, kind, quantity - have, current ? 'Import' : 'Initial quantity', at);
      return op ? { ...move, _id: operationMovementId(id, op.ulid) } : move;
    };
    for (const { row, index } of part) {
      if (duplicates.has(index)) continue;
      const sku = row.fields.sku;
      try {
        const current = existingIds.has(index) ? existing.get(existingIds.get(index)!) : undefined;
        if (current && isMarked(current, op)) {
          result[createdBy(current) ? 'created' : 'updated'].push(current._id);
          const move = row.quantity === undefined ? null : stockMove(current._id, current, row.quantity);
          if (move) resumed.push({ move, index, sku });
        } else if (current) {
          const { next, changed } = applyChanges(current, row.fields, at);
          if (changed.length > 0) {
            items.push(marked(next, op));
            owners.push({ index, sku, kind: 'updated' });
          } else result.unchanged.push(current._id);
          const move = row.quantity === undefined ? null : stockMove(current._id, current, row.quantity);
          if (move) moves.push({ move, index, sku });
        } else {
          const doc = marked(newItemDoc(row.checked ?? parseNew(row.fields), at), op);
          items.push(doc);
          owners.push({ index, sku, kind: 'created' });
          const move = row.quantity === undefined ? null : stockMove(doc._id, undefined, row.quantity);
          if (move) withItems.push(move);
        }
      } catch (error) {
        result.failed.push({ index, sku, message: (error as Error).message });
      }
    }
    // A new item and its quantity in one batch: no crash can leave one without the other
    // (both have fresh ids, so neither can be refused alone). An updated item is written
    // before its movement, and a movement only follows an item that was saved: an item
    // refused (an edit arrived by sync meanwhile) leaves no stock change behind. A crash in
    // between is repaired by the journal running the step again (the item names the
    // operation; its movement id is the operation's, so it is never written twice).
    const refused = new Map((await service.save([...items, ...withItems])).map((r) => [r.doc._id, r]));
    items.forEach((doc, i) => {
      const who = owners[i]!;
      const refusal = refused.get(doc._id);
      if (refusal) result.failed.push({ index: who.index, sku: who.sku, message: notSaved(refusal) });
      else result[who.kind].push(doc._id);
    });
    const kept = [...moves.filter((m) => !refused.has(m.move.itemId)), ...(await missing(service, resumed))];
    const lost = await service.save(kept.map((m) => m.move));
    for (const { doc, message } of lost) {
      const who = kept.find((m) => m.move === doc)!;
      result.failed.push({ index: who.index, sku: who.sku, message: `Quantity not saved: ${message}` });
    }
  }
  result.failed.sort((a, b) => a.index - b.index);
  return result;
}

/** An item an operation created (never edited since) rather than updated. */
const createdBy = (doc: ItemDoc) => (doc.edits?.length ?? 0) === 0 && doc.createdAt === doc.updatedAt;

/** The movements of a resumed step not saved before the crash (their ids are the operation's). */
async function missing<T extends { move: MovementDoc }>(service: InventoryService, moves: T[]): Promise<T[]> {
  if (moves.length === 0) return moves;
  const res = await service.db.allDocs({ keys: moves.map((m) => m.move._id) });
  const there = new Set(res.rows.flatMap((r) => ('value' in r && r.value && !r.value.deleted ? [r.id] : [])));
  return moves.filter((m) => !there.has(m.move._id));
}
