import { ulid } from 'ulid';
import type { inventoryIoRoutes } from '@shared/api/inventory-io';
import type { EventBus } from '../../events';
import type { HandlersFor } from '../../router';
import type { InventoryService } from '../service';
import { exportItems } from './export';
import { HeavyQueue } from './heavy-queue';
import { previewImport, runImport } from './import';

export function inventoryIoHandlers(
  service: InventoryService,
  events: EventBus,
): HandlersFor<typeof inventoryIoRoutes> {
  const heavy = new HeavyQueue(events);
  return {
    'inventory.import.preview': ({ requestId, ...input }) =>
      heavy.run(requestId ?? ulid(), `Preview of ${input.fileName}`, () => previewImport(service, input)),
    'inventory.import.run': (input) => {
      const importId = input.importId ?? ulid();
      return heavy.run(importId, `Import of ${input.fileName}`, () =>
        runImport(service, events, { ...input, importId }),
      );
    },
    'inventory.export': ({ format, query }) => exportItems(service, format, query),
  };
}
