/**
 * At start: operations a kill or crash interrupted are finished, before any other write, through
 * the same code that started them (it only ever sets recorded values, so finishing twice is
 * harmless). The seller is told by `operations.notices`, which the renderer shows.
 */
import type { EventBus } from '../events';
import { applyRecorded } from '../inventory/bulk-edit';
import { resumeImport } from '../inventory/csv/import';
import type { InventoryService } from '../inventory/service';
import { logger } from '../log';
import type { Journal } from './journal';

export async function resumeOperations(journal: Journal, inventory: InventoryService, events: EventBus) {
  const log = logger('journal');
  await journal.prune();
  for (const found of await journal.all()) {
    if (found.state !== 'running') continue;
    const header = await journal.resuming(found);
    log.warn('Finishing an operation interrupted when FlipSync last stopped', undefined, {
      id: header._id,
      kind: header.kind,
    });
    try {
      if (header.kind === 'bulkEdit') {
        await inventory.serial(() => inventory.live.duringBulk(() => applyRecorded(inventory, header, true)));
      } else {
        await resumeImport(inventory, events, header);
      }
      log.info('Finished the interrupted operation', { id: header._id });
    } catch (error) {
      // Left running: the next start tries again; the notice still shows it unfinished.
      log.error('Could not finish the interrupted operation', error, { id: header._id });
    }
  }
}
