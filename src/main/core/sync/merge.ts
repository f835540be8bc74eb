/**
 * Field-by-field merge of the conflicting revisions of one item. Pure: no database here.
 *
 * For each field the value with the newest `fieldTimes` entry wins (ties: the higher
 * revision, so every device that resolves the same conflict writes the same document and
 * PouchDB's deterministic revision ids make the two resolutions one). Every other value a
 * revision edited after the versions diverged is kept in `conflicts` with its rev and time.
 */
import type { FieldConflict } from '@shared/domain/inventory';
import type { ItemDoc } from '../inventory/docs';

export type ItemVersion = ItemDoc & { _rev: string };

/** JSON with sorted keys, so equal values compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const revOrder = (a: string, b: string) => {
  const [na, ha] = [Number.parseInt(a, 10), a.slice(a.indexOf('-') + 1)];
  const [nb, hb] = [Number.parseInt(b, 10), b.slice(b.indexOf('-') + 1)];
  return na !== nb ? na - nb : ha < hb ? -1 : ha > hb ? 1 : 0;
};

const conflictKey = (c: FieldConflict) => `${c.field}\u0000${c.rev}\u0000${canonical(c.value)}`;

/**
 * Merges `versions` (the current winner and its conflicting leaves) into the body to write
 * on top of the winner. The result does not carry `_rev`/`_conflicts`.
 */
export function mergeItemVersions(versions: ItemVersion[]): Omit<ItemDoc, '_rev' | '_conflicts'> {
  if (versions.length === 0) throw new Error('mergeItemVersions needs at least one version');
  const ordered = [...versions].sort((a, b) => revOrder(a._rev, b._rev));
  const base = ordered[ordered.length - 1] as ItemVersion;
  const timeOf = (v: ItemVersion, field: string) =>
    (v.fieldTimes as Record<string, string | undefined>)[field] ?? v.createdAt;

  // Times every version agrees on belong to edits made before the versions diverged; a value
  // whose time is not newer than the latest of them is the common ancestor's, not a lost edit.
  const fieldNames = new Set<string>();
  for (const v of ordered) for (const f of Object.keys(v.fields)) fieldNames.add(f);
  let divergedAfter = ordered.map((v) => v.createdAt).sort()[0] ?? '';
  for (const field of fieldNames) {
    const times = new Set(ordered.map((v) => timeOf(v, field)));
    const [only] = times;
    if (times.size === 1 && only !== undefined && only > divergedAfter) divergedAfter = only;
  }

  const fields: Record<string, unknown> = {};
  const fieldTimes: Record<string, string> = {};
  const conflicts = new Map<string, FieldConflict>();
  for (const v of ordered) for (const c of v.conflicts ?? []) conflicts.set(conflictKey(c), c);

  for (const field of fieldNames) {
    const holders = ordered.filter((v) => Object.hasOwn(v.fields, field));
    // Later in `holders` = higher revision; `>=` lets it win ties.
    let winner = holders[0] as ItemVersion;
    for (const v of holders) if (timeOf(v, field) >= timeOf(winner, field)) winner = v;
    const value = (winner.fields as Record<string, unknown>)[field];
    fields[field] = value;
    fieldTimes[field] = timeOf(winner, field);
    const winning = canonical(value);
    for (const v of holders) {
      const other = (v.fields as Record<string, unknown>)[field];
      if (v === winner || canonical(other) === winning || timeOf(v, field) <= divergedAfter) continue;
      const lost: FieldConflict = { field, value: other, changedAt: timeOf(v, field), rev: v._rev };
      conflicts.set(conflictKey(lost), lost);
    }
  }

  // A kept value that now equals the current one is no longer a conflict.
  const kept = [...conflicts.values()]
    .filter((c) => canonical(c.value) !== canonical(fields[c.field]))
    .sort((a, b) => (conflictKey(a) < conflictKey(b) ? -1 : 1));

  return {
    _id: base._id,
    type: 'item',
    fields: fields as ItemDoc['fields'],
    fieldTimes: fieldTimes as ItemDoc['fieldTimes'],
    conflicts: kept,
    createdAt: ordered.map((v) => v.createdAt).sort()[0] ?? base.createdAt,
    updatedAt:
      ordered
        .map((v) => v.updatedAt)
        .sort()
        .at(-1) ?? base.updatedAt,
  };
}
