/**
 * The Conflicts view's data: items holding losing values kept by the resolver, and the
 * seller's choice for each (use it instead, or forget it).
 */
import type { ConflictedItem } from '@shared/api/sync';
import { ItemFieldsSchema, type FieldConflict } from '@shared/domain/inventory';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { ItemDoc } from '../inventory/docs';
import { canonical } from './merge';
import type { ConflictResolver } from './resolver';
import { readMany } from '../db/read-many';

export interface ConflictRef {
  itemId: string;
  field: string;
  rev: string;
}

export function toConflictedItem(doc: ItemDoc & { _rev: string }): ConflictedItem {
  const current: Record<string, unknown> = {};
  for (const c of doc.conflicts) current[c.field] = (doc.fields as Record<string, unknown>)[c.field] ?? null;
  return {
    itemId: doc._id,
    rev: doc._rev,
    sku: doc.fields.sku,
    title: doc.fields.title,
    current,
    conflicts: doc.conflicts,
  };
}

export class ConflictsService {
  /** One change at a time, so two quick clicks never race on the same revision. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly inventory: Database,
    private readonly resolver: ConflictResolver,
  ) {}

  async list(): Promise<ConflictedItem[]> {
    await this.resolver.drain();
    const ids = this.resolver.conflictedIds().sort();
    if (ids.length === 0) return [];
    const found = await readMany<ItemDoc>(this.inventory, ids);
    return found.flatMap(({ doc }) => (doc?.conflicts?.length ? [toConflictedItem(doc)] : []));
  }

  pick(ref: ConflictRef): Promise<ConflictedItem> {
    return this.change(ref, (doc, kept) => {
      const field = ref.field as keyof typeof ItemFieldsSchema.shape;
      const schema = ItemFieldsSchema.shape[field];
      const parsed = schema?.safeParse(kept.value);
      if (!parsed?.success) {
        throw new AppError(
          'BAD_REQUEST',
          `The kept value for ${ref.field} is not valid any more, so it cannot be used.`,
          'Dismiss it and edit the item instead.',
        );
      }
      (doc.fields as Record<string, unknown>)[field] = parsed.data;
      (doc.fieldTimes as Record<string, string>)[field] = new Date().toISOString();
    });
  }

  dismiss(ref: ConflictRef): Promise<ConflictedItem> {
    return this.change(ref, () => undefined);
  }

  private change(ref: ConflictRef, apply: (doc: ItemDoc, kept: FieldConflict) => void): Promise<ConflictedItem> {
    const run = this.queue.then(async () => {
      const doc = await this.inventory.get<ItemDoc>(ref.itemId).catch((error: { status?: number }) => {
        if (error.status === 404) throw new AppError('NOT_FOUND', `There is no item ${ref.itemId}.`);
        throw error;
      });
      const kept = doc.conflicts.find((c) => c.field === ref.field && c.rev === ref.rev);
      if (!kept) {
        throw new AppError(
          'NOT_FOUND',
          `Item ${doc.fields.sku} has no kept value for ${ref.field} from revision ${ref.rev}.`,
          'Reload the Conflicts view: it may have been picked or dismissed already.',
        );
      }
      apply(doc, kept);
      // Picking a value makes any other kept value equal to it redundant.
      const now = (doc.fields as Record<string, unknown>)[ref.field];
      doc.conflicts = doc.conflicts.filter(
        (c) => c !== kept && !(c.field === ref.field && canonical(c.value) === canonical(now)),
      );
      doc.updatedAt = new Date().toISOString();
      const saved = await this.inventory.put(doc).catch((error: { status?: number }) => {
        if (error.status === 409) {
          throw new AppError('CONFLICT', 'The item changed while you chose; nothing was changed.', 'Try again.');
        }
        throw error;
      });
      const updated = { ...doc, _rev: saved.rev };
      await this.resolver.noteItem(updated);
      return toConflictedItem(updated);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
