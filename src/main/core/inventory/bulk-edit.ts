/**
 * Bulk edits from the table ("+10%" on 17,000 items) as a journal operation: the values each
 * item had before are recorded first, every item written names the operation, and a step run
 * again after a crash skips items that already do, so the change applies once per item. The
 * seller may choose, per edit, to have an interrupted edit undone instead of finished.
 */
import type { ItemField, ItemFields } from '@shared/domain/inventory';
import type { ItemFilter } from '@shared/api/inventory';
import { ulid } from 'ulid';
import type { Journal, OperationKind } from '../journal/journal';
import { changeFor, chunks, isMarked, marked, readMany, type BulkChange } from './bulk';
import { applyChanges } from './fields';
import type { InventoryService } from './service';
import type { ItemDoc } from './docs';

export const BULK_EDIT = 'bulkEdit';

interface Inputs {
  change: BulkChange;
  items: number;
}
interface Step {
  items: { id: string; before: Partial<ItemFields> }[];
}
interface Counts {
  matched: number;
  changed: number;
  failed: number;
}

/** The fields a change can touch (a status change may fill in the listed or sold date). */
function touched(change: BulkChange): ItemField[] {
  const fields: ItemField[] = [];
  if (change.price) fields.push('listPrice');
  if (change.status) fields.push('status', 'listedAt', 'soldAt');
  if (change.location !== undefined) fields.push('location');
  if (change.addTags || change.removeTags) fields.push('tags');
  return fields;
}

const before = (doc: ItemDoc, fields: ItemField[]) =>
  Object.fromEntries(fields.map((f) => [f, doc.fields[f]])) as Partial<ItemFields>;

export function bulkEditKind(service: InventoryService): OperationKind<Inputs, Step, Counts, Counts> {
  return {
    kind: BULK_EDIT,
    exclusive: (work) => service.serial(() => service.live.duringBulk(work)),
    async runStep(op, step) {
      const docs = await readMany(
        service,
        step.items.map((i) => i.id),
      );
      const counts: Counts = { matched: docs.length, changed: 0, failed: 0 };
      const at = new Date().toISOString();
      const writes: ItemDoc[] = [];
      const mark = { id: op.id, ulid: '' };
      for (const doc of docs) {
        if (isMarked(doc, mark)) {
          counts.changed++;
          continue;
        }
        try {
          const { next, changed } = applyChanges(doc, changeFor(doc, op.inputs.change), at);
          if (changed.length > 0) writes.push(marked(next, mark));
        } catch {
          counts.failed++;
        }
      }
      if (writes.length > 0) {
        const refused = await service.save(writes);
        counts.changed += writes.length - refused.length;
        counts.failed += refused.length;
      }
      return counts;
    },
    async undoStep(op, step) {
      const saved = new Map(step.items.map((i) => [i.id, i.before]));
      const docs = await readMany(service, [...saved.keys()]);
      const at = new Date().toISOString();
      const writes = docs.flatMap((doc) => {
        if (!isMarked(doc, { id: op.id, ulid: '' })) return [];
        const { next, changed } = applyChanges(doc, saved.get(doc._id) ?? {}, at);
        return changed.length > 0 ? [next] : [];
      });
      if (writes.length > 0) await service.save(writes);
    },
    finish: (_op, results) =>
      results.reduce<Counts>(
        (sum, r) => ({
          matched: sum.matched + r.matched,
          changed: sum.changed + r.changed,
          failed: sum.failed + r.failed,
        }),
        { matched: 0, changed: 0, failed: 0 },
      ),
    describe(op, outcome, result) {
      const what = `A bulk edit of ${count(op.inputs.items)} was interrupted when FlipSync closed`;
      if (outcome === 'rolledBack') return `${what}; as you chose, it was undone and every item is as it was before.`;
      if (outcome === 'failed') return `${what} and could not be finished; check the items and apply it again.`;
      return `${what}; it was finished on restart (${count(result?.changed ?? 0)} changed, each once).`;
    },
  };
}

const count = (n: number) => `${n.toLocaleString('en-US')} item${n === 1 ? '' : 's'}`;

/**
 * Applies one change to the given items or to every item a filter matches. `key` makes a
 * retry of the same edit return the first result instead of applying it again.
 */
export function bulkEdit(
  service: InventoryService,
  journal: Journal,
  target: { ids: string[] } | { filter: ItemFilter },
  change: BulkChange,
  options: { key?: string; ifInterrupted?: 'finish' | 'undo' } = {},
): Promise<Counts> {
  const fields = touched(change);
  let items = 0;
  return journal.run<Inputs, Step, Counts, Counts>(BULK_EDIT, {
    key: options.key ?? ulid(),
    onInterrupt: options.ifInterrupted === 'undo' ? 'rollback' : 'resume',
    get inputs() {
      return { change, items };
    },
    steps: async () => {
      const ids = 'ids' in target ? [...new Set(target.ids)] : service.index.matchIds(target.filter);
      const steps: Step[] = [];
      for (const part of chunks(ids)) {
        const docs = await readMany(service, part);
        items += docs.length;
        steps.push({ items: docs.map((doc) => ({ id: doc._id, before: before(doc, fields) })) });
      }
      return steps;
    },
  });
}
