/**
 * Field-by-field merge of the conflicting revisions of one item. Pure: no database here.
 *
 * For each field the value with the newest `fieldTimes` entry wins (ties: the higher
 * revision, so every device that resolves the same conflict writes the same document and
 * PouchDB's deterministic revision ids make the two resolutions one). Every other value a
 * revision edited after the versions diverged is kept in `conflicts` with its rev and time.
 */
import type { FieldConflict, ItemField } from '@shared/domain/inventory';
import { EDIT_LOG_MAX, type ItemDoc } from '../inventory/docs';

/** A revision as read for merging; with `revs: true` it carries its ancestry. */
export type ItemVersion = ItemDoc & { _rev: string; _revisions?: { start: number; ids: string[] } };

/**
 * The last generation all versions share (their common ancestor), from their revision
 * histories; null when a history is missing or they share none.
 */
function commonGeneration(versions: ItemVersion[]): number | null {
  const histories = versions.map((v) => v._revisions);
  if (histories.some((h) => !h)) return null;
  const idAt = (h: { start: number; ids: string[] }, gen: number) => h.ids[h.start - gen];
  const top = Math.min(...histories.map((h) => h!.start));
  for (let gen = top; gen > 0; gen--) {
    const id = idAt(histories[0]!, gen);
    if (id !== undefined && histories.every((h) => idAt(h!, gen) === id)) return gen;
  }
  return null;
}

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

  // Better than times when known: what each version's edit log says it changed after the
  // common ancestor. Device clocks can be off, so a real edit may carry an "old" time.
  const ancestor = commonGeneration(ordered);
  const editedSince = (v: ItemVersion, field: string): boolean | null =>
    ancestor === null || !v.edits
      ? null
      : v.edits.some((e) => e.gen > ancestor && (e.fields as string[]).includes(field));

  const fields: Record<string, unknown> = {};
  const fieldTimes: Record<string, string> = {};
  const conflicts = new Map<string, FieldConflict>();
  for (const v of ordered) for (const c of v.conflicts ?? []) conflicts.set(conflictKey(c), c);

  for (const field of fieldNames) {
    const holders = ordered.filter((v) => Object.hasOwn(v.fields, field));
    // A value edited since the ancestor beats one that was not, whatever the clocks said;
    // among edits the newest time wins. Later in `holders` = higher revision; `>=` wins ties.
    const edited = holders.filter((v) => editedSince(v, field) === true);
    const candidates = edited.length > 0 && holders.every((v) => editedSince(v, field) !== null) ? edited : holders;
    let winner = candidates[0] as ItemVersion;
    for (const v of candidates) if (timeOf(v, field) >= timeOf(winner, field)) winner = v;
    const value = (winner.fields as Record<string, unknown>)[field];
    fields[field] = value;
    fieldTimes[field] = timeOf(winner, field);
    const winning = canonical(value);
    for (const v of holders) {
      const other = (v.fields as Record<string, unknown>)[field];
      if (v === winner || canonical(other) === winning) continue;
      if (!(editedSince(v, field) ?? timeOf(v, field) > divergedAfter)) continue;
      const lost: FieldConflict = { field, value: other, changedAt: timeOf(v, field), rev: v._rev };
      conflicts.set(conflictKey(lost), lost);
    }
  }

  // A kept value that now equals the current one is no longer a conflict.
  const kept = [...conflicts.values()]
    .filter((c) => canonical(c.value) !== canonical(fields[c.field]))
    .sort((a, b) => (conflictKey(a) < conflictKey(b) ? -1 : 1));

  // The edit logs of all versions, so the next merge can still tell edits from ancestry, and
  // the merge's own entry: it writes generation base + 1, changing what differs from base.
  // Entries carried from a losing branch keep that branch's generations, which a later merge
  // cannot place in its history; the merge's entry is what vouches for them from now on.
  const edits = new Map<string, NonNullable<ItemDoc['edits']>[number]>();
  const log = (e: NonNullable<ItemDoc['edits']>[number]) =>
    edits.set(`${e.gen}\u0000${e.at}\u0000${e.fields.join(',')}`, e);
  for (const v of ordered) for (const e of v.edits ?? []) log(e);
  const changed = [...fieldNames].filter(
    (f) => canonical(fields[f]) !== canonical((base.fields as Record<string, unknown>)[f]),
  ) as ItemField[];
  const updatedAt =
    ordered
      .map((v) => v.updatedAt)
      .sort()
      .at(-1) ?? base.updatedAt;
  if (changed.length > 0) log({ gen: Number.parseInt(base._rev, 10) + 1, at: updatedAt, fields: changed });

  return {
    _id: base._id,
    type: 'item',
    fields: fields as ItemDoc['fields'],
    fieldTimes: fieldTimes as ItemDoc['fieldTimes'],
    conflicts: kept,
    edits: [...edits.values()]
      .sort((a, b) => a.gen - b.gen || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .slice(-EDIT_LOG_MAX),
    createdAt: ordered.map((v) => v.createdAt).sort()[0] ?? base.createdAt,
    updatedAt,
  };
}
