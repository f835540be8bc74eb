import type { inventoryIoRoutes } from '@shared/api/inventory-io';
import type { EventBus } from '../../events';
import type { Journal } from '../../journal/journal';
import type { HandlersFor } from '../../router';
import type { InventoryService } from '../service';
import { exportItems } from './export';
import { previewImport, runImport } from './import';

export function inventoryIoHandlers(
  service: InventoryService,
  events: EventBus,
  journal: Journal,
): HandlersFor<typeof inventoryIoRoutes> {
  return {
    'inventory.import.preview': (input) => previewImport(service, input),
    'inventory.import.run': (input) => runImport(service, events, journal, input),
    'inventory.export': ({ format, query }) => exportItems(service, format, query),
  };
}
