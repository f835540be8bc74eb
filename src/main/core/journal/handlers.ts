import type { operationRoutes } from '@shared/api/operations';
import type { HandlersFor } from '../router';
import { undoBulkEdit } from '../inventory/bulk-undo';
import type { InventoryService } from '../inventory/service';
import { summary, type Journal } from './journal';

export function operationHandlers(journal: Journal, inventory: InventoryService): HandlersFor<typeof operationRoutes> {
  return {
    'operations.undo': async ({ id, undoId }) => {
      const result = await undoBulkEdit(inventory, id, undoId);
      // Undone is a decision about the notice too: it has been read.
      await journal.dismiss(id);
      return result;
    },
    'operations.notices': async () =>
      (await journal.all())
        .filter((op) => op.resumedAt && !op.dismissed)
        .map(summary)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    'operations.dismiss': async ({ id }) => {
      await journal.dismiss(id);
      return { id };
    },
  };
}
