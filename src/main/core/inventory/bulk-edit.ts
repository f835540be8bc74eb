/**
 * Bulk edits from the table (and marketplace housekeeping): one change over many items.
 * The change is planned first — each item's values before and after — and recorded in the
 * operations journal; only then are items written, by setting the planned values. Writing a
 * planned value twice changes nothing, so a kill mid-way is finished at the next start and a
 * "+10%" lands once per item, never compounding.
 */
import type { z } from 'zod';
import type { BulkChangeSchema, ItemFilter } from '@shared/api/inventory';
import type { ItemFields } from '@shared/domain/inventory';
import type { ItemDoc } from './docs';
import { applyChanges } from './fields';
import { Journal, type OperationDoc } from '../journal/journal';
import type { InventoryService } from './service';
import { readMany } from '../db/read-many';

export type BulkChange = z.infer<typeof BulkChangeSchema>;
export interface BulkEditResult {
  matched: number;
  changed: number;
  failed: number;
}
/** One item's planned edit: the values its changed fields had, and will have. */
export interface Planned {
  id: string;
  before: Partial<ItemFields>;
  after: Partial<ItemFields>;
}

const CHUNK = 2000;
type Saved = ItemDoc & { _rev: string };

export const chunks = <T>(list: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The items with these ids (ids of anything else, or of nothing, are left out). */
export async function readItems(service: InventoryService, ids: string[]): Promise<Saved[]> {
  return (await readMany<ItemDoc>(service.db, ids)).flatMap(({ doc }) => (doc?.type === 'item' ? [doc] : []));
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

/** The change in the seller's words, for the journal and the notice after a restart. */
export function describeChange(change: BulkChange, items: number): string {
  const what: string[] = [];
  if (change.price && 'set' in change.price) what.push(`list price set to ${change.price.set}`);
  else if (change.price && 'byPercent' in change.price) {
    what.push(`list price ${change.price.byPercent >= 0 ? '+' : ''}${change.price.byPercent}%`);
  } else if (change.price) what.push(`list price ${change.price.byAmount >= 0 ? '+' : ''}${change.price.byAmount}`);
  if (change.status) what.push(`status ${change.status}`);
  if (change.location !== undefined) what.push(`location "${change.location}"`);
  if (change.addTags?.length) what.push(`tags added: ${change.addTags.join(', ')}`);
  if (change.removeTags?.length) what.push(`tags removed: ${change.removeTags.join(', ')}`);
  return `Bulk edit of ${items.toLocaleString('en-US')} items: ${what.join('; ') || 'no change'}`;
}

/**
 * Applies one change to the given items or to every item a filter matches. With an
 * `operationId` the seller's retry of the same request is recognised: a finished operation
 * returns its result and writes nothing.
 */
export function bulkEdit(
  service: InventoryService,
  target: { ids: string[] } | { filter: ItemFilter },
  change: BulkChange,
  operationId?: string,
): Promise<BulkEditResult> {
  return service.serial(() =>
    service.live.duringBulk(async () => {
      const journal = service.journal;
      const known = operationId && journal ? await journal.get(operationId) : null;
      if (known?.state === 'done') return known.result as unknown as BulkEditResult;
      if (known) return applyRecorded(service, known, false);
      const ids = 'ids' in target ? [...new Set(target.ids)] : service.index.matchIds(target.filter);
      const { planned, matched, failed } = await plan(service, ids, change);
      if (planned.length === 0) return { matched, changed: 0, failed };
      const parts = chunks(planned);
      if (!journal) {
        const written = await applyParts(service, parts, null);
        return { matched, changed: written.changed, failed: failed + written.failed };
      }
      const id = operationId ?? Journal.newId();
      const header = await journal.begin(
        id,
        'bulkEdit',
        describeChange(change, planned.length),
        { matched, failed },
        parts,
      );
      return applyRecorded(service, header, false);
    }),
  );
}

async function plan(service: InventoryService, ids: string[], change: BulkChange) {
  const planned: Planned[] = [];
  let matched = 0;
  let failed = 0;
  const at = new Date().toISOString();
  for (const part of chunks(ids)) {
    const docs = await readItems(service, part);
    matched += docs.length;
    for (const doc of docs) {
      try {
        const { next, changed } = applyChanges(doc, changeFor(doc, change), at);
        if (changed.length === 0) continue;
        const pick = (fields: ItemFields) => Object.fromEntries(changed.map((f) => [f, fields[f]]));
        planned.push({ id: doc._id, before: pick(doc.fields), after: pick(next.fields) });
      } catch {
        failed++;
      }
    }
  }
  return { planned, matched, failed };
}

/**
 * Writes each part's planned values. An item already holding them and naming this
 * operation was written by it before a kill: it counts as changed, and is not written again.
 */
async function applyParts(
  service: InventoryService,
  parts: Planned[][],
  operation: string | null,
): Promise<{ changed: number; failed: number }> {
  let changed = 0;
  let failed = 0;
  for (const part of parts) {
    const docs = new Map(
      (
        await readItems(
          service,
          part.map((p) => p.id),
        )
      ).map((d) => [d._id, d]),
    );
    const at = new Date().toISOString();
    const writes: ItemDoc[] = [];
    for (const { id, after } of part) {
      const doc = docs.get(id);
      if (!doc) {
        failed++; // deleted since the plan (on another device)
        continue;
      }
      try {
        const { next, changed: fields } = applyChanges(doc, after, at);
        if (fields.length > 0) writes.push(operation ? { ...next, op: operation } : next);
        else if (operation && doc.op === operation) changed++;
      } catch {
        failed++;
      }
    }
    if (writes.length === 0) continue;
    const refused = await service.save(writes);
    changed += writes.length - refused.length;
    failed += refused.length;
  }
  return { changed, failed };
}

/** Runs (or finishes, after a kill) a recorded bulk edit and marks it done. */
export async function applyRecorded(
  service: InventoryService,
  header: OperationDoc,
  resumed: boolean,
): Promise<BulkEditResult> {
  const journal = service.journal!;
  const id = header._id.slice('op:'.length);
  const parts: Planned[][] = [];
  for (let n = 0; n < header.parts; n++) parts.push(await journal.part<Planned>(id, n));
  const written = await applyParts(service, parts, id);
  const input = header.input as { matched: number; failed: number };
  const result = { matched: input.matched, changed: written.changed, failed: input.failed + written.failed };
  await journal.finish(id, result, resumed);
  return result;
}
