/** Field-level edits of item documents: what changed, when, and what a stale rev missed. */
import { ItemFieldsSchema, type ItemField, type ItemFields } from '@shared/domain/inventory';
import { fieldWords } from '@shared/domain/field-labels';
import { AppError } from '../errors';
import { EDIT_LOG_MAX, type ItemDoc } from './docs';
import { joinLines } from './single-line';

export const revGen = (rev: string) => Number.parseInt(rev, 10);
export const today = (at: string) => at.slice(0, 10);

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** A field as core's sentences name it ("list price"). */
export const fieldLabel = fieldWords;

/**
 * Applies a partial change to an item document: only fields whose value really changes are
 * written and stamped in `fieldTimes`. Moving to listed or sold fills in that date when the
 * seller left it empty. Returns the next document and the fields it changed (none: no write).
 */
export function applyChanges(
  doc: ItemDoc,
  changes: Partial<ItemFields>,
  at: string,
): { next: ItemDoc; changed: ItemField[] } {
  const patch: Partial<ItemFields> = joinLines(changes).fields;
  if (patch.status === 'listed' && doc.fields.status !== 'listed' && !doc.fields.listedAt && !patch.listedAt) {
    patch.listedAt = today(at);
  }
  if (patch.status === 'sold' && doc.fields.status !== 'sold' && !doc.fields.soldAt && !patch.soldAt) {
    patch.soldAt = today(at);
  }
  const changed = (Object.keys(patch) as ItemField[]).filter(
    (field) => patch[field] !== undefined && !same(patch[field], doc.fields[field]),
  );
  if (changed.length === 0) return { next: doc, changed };
  const merged = { ...doc.fields };
  const times = { ...doc.fieldTimes };
  for (const field of changed) {
    (merged as Record<string, unknown>)[field] = patch[field];
    times[field] = at;
  }
  const parsed = ItemFieldsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('BAD_REQUEST', `${fieldLabel(String(issue?.path[0] ?? 'item'))}: ${issue?.message}`);
  }
  const edits = [...(doc.edits ?? []), { gen: revGen(doc._rev ?? '0') + 1, at, fields: changed }].slice(-EDIT_LOG_MAX);
  return {
    // A revision names the operation that wrote it; any other edit clears the name.
    next: { ...doc, fields: parsed.data, fieldTimes: times, updatedAt: at, edits, op: undefined },
    changed,
  };
}

/** The fields changed since the revision the seller edited, as far as the edit log tells. */
export function fieldsChangedSince(doc: ItemDoc & { _rev: string }, staleRev: string): string[] {
  const staleGen = revGen(staleRev);
  const currentGen = revGen(doc._rev);
  // A stale rev of the same or a later generation sits on another branch (sync): everything
  // the current branch changed at or after that generation differs from what the seller saw.
  const from = staleGen >= currentGen ? Math.min(staleGen, currentGen) : staleGen + 1;
  const fields = new Set<string>();
  for (const edit of doc.edits ?? []) if (edit.gen >= from) edit.fields.forEach((f) => fields.add(f));
  return [...fields];
}

export function staleRevError(doc: ItemDoc & { _rev: string }, staleRev: string): AppError {
  const fields = fieldsChangedSince(doc, staleRev).map(fieldLabel);
  const what = fields.length > 0 ? ` (changed: ${fields.join(', ')})` : '';
  return new AppError(
    'CONFLICT',
    `"${doc.fields.title}" was changed in another window or on another device since you opened it${what}. Nothing was saved.`,
    'Reload the item to see the latest values, then make your change again.',
  );
}

export function notFound(id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `There is no item ${id}: it may have been deleted on this or another device.`,
    'Reload the inventory list.',
  );
}

export function skuTaken(sku: string): AppError {
  return new AppError(
    'CONFLICT',
    `Another item already uses the SKU "${sku}" (SKUs are compared without case).`,
    'Choose a different SKU, or edit the existing item instead.',
  );
}
