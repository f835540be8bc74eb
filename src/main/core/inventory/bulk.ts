/**
 * Upsert-by-SKU for imports (CSV and anything else that brings items in by SKU); bulk edits
 * live in bulk-edit.ts. Rows set values (fields, stock on hand), so writing a row again
 * changes nothing: with an operation id a run interrupted by a kill is simply run again.
 */
import { EMPTY_ITEM, ItemFieldsSchema, type ItemFields } from '@shared/domain/inventory';
import type { ItemDoc, MovementDoc } from './docs';
import { chunks, readItems } from './bulk-edit';
import { applyChanges } from './fields';
import { movement, newItemDoc, type InventoryService, type Refused } from './service';

export { bulkEdit, changeFor, type BulkChange } from './bulk-edit';

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
export function bulkUpsertBySku(
  service: InventoryService,
  rows: UpsertRow[],
  operation: string | null = null,
): Promise<UpsertResult> {
  return service.serial(() =>
    service.live.duringBulk(async () => {
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
        const existing = new Map((await readItems(service, [...existingIds.values()])).map((d) => [d._id, d]));
        const items: ItemDoc[] = [];
        const owners: { index: number; sku: string; kind: 'created' | 'updated' }[] = [];
        const moves: { move: MovementDoc; index: number; sku: string }[] = [];
        for (const { row, index } of part) {
          if (duplicates.has(index)) continue;
          const sku = row.fields.sku;
          try {
            const current = existingIds.has(index) ? existing.get(existingIds.get(index)!) : undefined;
            let id: string;
            if (current) {
              id = current._id;
              const { next, changed } = applyChanges(current, row.fields, at);
              if (changed.length > 0) {
                items.push(operation ? { ...next, op: operation } : next);
                owners.push({ index, sku, kind: 'updated' });
              } else if (operation && current.op === operation) {
                // Written by this operation before a kill: counted as then, not written again.
                result[current.createdAt === current.updatedAt ? 'created' : 'updated'].push(id);
              } else result.unchanged.push(id);
            } else {
              const doc = newItemDoc(row.checked ?? parseNew(row.fields), at);
              if (operation) doc.op = operation;
              id = doc._id;
              items.push(doc);
              owners.push({ index, sku, kind: 'created' });
            }
            const have = current ? service.index.quantity(id) : 0;
            if (row.quantity !== undefined && row.quantity !== have) {
              const kind = current || row.quantity < 0 ? 'adjusted' : 'received';
              const note = current ? 'Import' : 'Initial quantity';
              const move = movement(id, kind, row.quantity - have, note, at);
              if (operation) move.op = operation;
              moves.push({ move, index, sku });
            }
          } catch (error) {
            result.failed.push({ index, sku, message: (error as Error).message });
          }
        }
        // A new item and the movement that gives it its quantity go in one bulkDocs call (one
        // LevelDB batch): a crash cannot leave the item without its stock. A new id is never
        // refused, so nothing can split them. An edited item goes first and its movement after,
        // only if the edit was saved: an item refused (an edit arrived by sync meanwhile) leaves
        // no stock change behind.
        const created = new Set(owners.flatMap((o, i) => (o.kind === 'created' ? [items[i]!._id] : [])));
        const withNew = moves.filter((m) => created.has(m.move.itemId));
        const refused = new Map(
          (
            await service.save([
              ...items.filter((d) => created.has(d._id)),
              ...withNew.map((m) => m.move),
              ...items.filter((d) => !created.has(d._id)),
            ])
          ).map((r) => [r.doc._id, r]),
        );
        items.forEach((doc, i) => {
          const who = owners[i]!;
          const refusal = refused.get(doc._id);
          if (refusal) result.failed.push({ index: who.index, sku: who.sku, message: notSaved(refusal) });
          else result[who.kind].push(doc._id);
        });
        const newMoves = new Set(withNew.map((m) => m.move));
        const kept = moves.filter((m) => !newMoves.has(m.move) && !refused.has(m.move.itemId));
        const lost = [
          ...[...refused.values()].filter((r) => newMoves.has(r.doc as MovementDoc)),
          ...(await service.save(kept.map((m) => m.move))),
        ];
        for (const { doc, message } of lost) {
          const who = moves.find((m) => m.move === doc)!;
          result.failed.push({ index: who.index, sku: who.sku, message: `Quantity not saved: ${message}` });
        }
      }
      result.failed.sort((a, b) => a.index - b.index);
      return result;
    }),
  );
}
