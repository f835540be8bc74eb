/**
 * A CSV import as a journal operation: the checked rows are recorded first, in steps of
 * `writeChunk.size` rows; each step writes its items (a new item and its quantity in one batch) naming
 * the operation. A crash mid-import is finished at the next start, and the seller is told.
 */
import type { ImportResult, RowIssue } from '@shared/api/inventory-io';
import type { EventBus } from '../../events';
import type { OperationKind } from '../../journal/journal';
import { upsertBySku } from '../bulk';
import type { InventoryService } from '../service';
import type { ImportRow } from './rows';

export const IMPORT = 'import';

export interface ImportInputs {
  importId: string;
  fileName: string;
  /** Rows in the file (valid or not). */
  total: number;
  /** Rows the check refused (not in any step). */
  invalid: number;
  /** Rows per step: progress counts by it. */
  stepRows: number;
  errors: RowIssue[];
  errorTotal: number;
  warnings: RowIssue[];
  /** The operation's own ulid: the id of every movement it writes ends with it. */
  uid: string;
}
export interface StepResult {
  created: number;
  updated: number;
  failed: RowIssue[];
}

export type MergeSpecifics = (rows: ImportRow[]) => Promise<ImportRow[]>;

export function importKind(
  service: InventoryService,
  events: EventBus,
  mergeSpecifics: MergeSpecifics,
  cap: (issues: RowIssue[]) => RowIssue[],
): OperationKind<ImportInputs, ImportRow[], StepResult, ImportResult> {
  return {
    kind: IMPORT,
    exclusive: (work) => service.serial(() => service.live.duringBulk(work)),
    async runStep(op, step) {
      const rows = await mergeSpecifics(step);
      const written = await upsertBySku(service, rows, { id: op.id, ulid: op.inputs.uid });
      return {
        created: written.created.length,
        updated: written.updated.length,
        failed: written.failed.map((f) => ({ row: step[f.index]!.row, reason: f.message })),
      };
    },
    progress(op, stepsDone, steps) {
      const { importId, total, invalid, stepRows } = op.inputs;
      const done = stepsDone === steps ? total : Math.min(total, invalid + stepsDone * stepRows);
      events.emit('inventory.import.progress', { importId, done, total });
    },
    finish(op, results) {
      const { importId, total, errors, errorTotal, warnings } = op.inputs;
      const failed = results.flatMap((r) => r.failed);
      const created = results.reduce((n, r) => n + r.created, 0);
      const updated = results.reduce((n, r) => n + r.updated, 0);
      return {
        importId,
        created,
        updated,
        skipped: total - created - updated,
        errorCount: errorTotal + failed.length,
        errors: cap([...errors, ...failed].sort((a, b) => a.row - b.row)),
        warnings,
      };
    },
    describe(op, outcome, result) {
      const what = `The import of ${op.inputs.fileName} (${op.inputs.total.toLocaleString('en-US')} rows) was interrupted when FlipSync closed`;
      if (outcome !== 'finished' || !result) return `${what} and could not be finished; import the file again.`;
      return `${what}; it was finished on restart: ${result.created.toLocaleString('en-US')} created, ${result.updated.toLocaleString('en-US')} updated, no row applied twice.`;
    },
  };
}
