/**
 * Undoing a bulk edit: the seller's choice after FlipSync finished one a crash interrupted
 * (or any bulk edit the journal still keeps). The undo is itself a recorded bulk edit, the
 * values before and after swapped, so it is as crash-safe as the edit was. An item changed
 * since the edit (by the seller, a sale, another device) keeps its newer values: undo
 * restores only what the edit set and nothing has touched since.
 */
import type { ItemFields } from '@shared/domain/inventory';
import { AppError } from '../errors';
import { Journal, type OperationDoc } from '../journal/journal';
import { applyRecorded, chunks, readItems, type BulkEditResult, type Planned } from './bulk-edit';
import type { InventoryService } from './service';

export interface UndoResult extends BulkEditResult {
  /** The undo's own operation id. */
  id: string;
  /** Items changed since the edit, left as they are. */
  kept: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function undoBulkEdit(service: InventoryService, id: string, undoId?: string): Promise<UndoResult> {
  return service.serial(() =>
    service.live.duringBulk(async () => {
      const journal = service.journal;
      if (!journal) throw new AppError('UNAVAILABLE', 'The operations journal is not open yet.', 'Try again.');
      const retried = undoId ? await journal.get(undoId) : null;
      if (retried) return finishRetry(service, retried);
      const header = await journal.get(id);
      refuse(header, id);
      const { plannedBack, kept } = await planBack(service, journal, id, header!);
      const own = undoId ?? Journal.newId();
      const title = `Undo of ${header!.title.replace(/^Bulk edit of /, 'the bulk edit of ')}`;
      const input = { matched: plannedBack.length, failed: 0, undoes: id, kept };
      // Recorded first, marked second: a kill between them leaves an undo that the next start
      // finishes, and an edit that could be undone again (which would then find nothing to do).
      const recorded = await journal.begin(own, 'bulkEdit', title, input, chunks(plannedBack));
      await journal.mark(id, { undoneBy: own });
      return { id: own, kept, ...(await applyRecorded(service, recorded, false)) };
    }),
  );
}

function refuse(header: OperationDoc | null, id: string): void {
  if (!header) {
    throw new AppError(
      'NOT_FOUND',
      `FlipSync no longer keeps operation ${id}.`,
      'Only the last 20 imports and bulk edits can be undone.',
    );
  }
  if (header.kind !== 'bulkEdit') {
    throw new AppError('BAD_REQUEST', 'Only a bulk edit can be undone this way.', 'Edit or delete the imported items.');
  }
  if (header.state !== 'done') {
    throw new AppError('CONFLICT', 'This bulk edit is still being applied.', 'Wait until it has finished.');
  }
  if (header.undoneBy) throw new AppError('CONFLICT', 'This bulk edit was already undone.');
}

/** Each item the edit changed and nothing has changed since, with its values swapped. */
async function planBack(service: InventoryService, journal: Journal, id: string, header: OperationDoc) {
  const plannedBack: Planned[] = [];
  let kept = 0;
  for (let n = 0; n < header.parts; n++) {
    const part = await journal.part<Planned>(id, n);
    const docs = new Map(
      (
        await readItems(
          service,
          part.map((p) => p.id),
        )
      ).map((d) => [d._id, d]),
    );
    for (const { id: itemId, before, after } of part) {
      const doc = docs.get(itemId);
      const fields = Object.keys(after) as (keyof ItemFields)[];
      if (!doc || !fields.every((f) => same(doc.fields[f], after[f]))) {
        kept++;
        continue;
      }
      plannedBack.push({ id: itemId, before: after, after: before });
    }
  }
  return { plannedBack, kept };
}

/** The same undo asked again (a retry): finishes it if a kill stopped it, else answers its result. */
async function finishRetry(service: InventoryService, header: OperationDoc): Promise<UndoResult> {
  const input = header.input as { kept?: number };
  const own = header._id.slice('op:'.length);
  const result =
    header.state === 'done'
      ? (header.result as unknown as BulkEditResult)
      : await applyRecorded(service, header, false);
  return { id: own, kept: input.kept ?? 0, ...result };
}
