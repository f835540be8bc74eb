import type { inventoryRoutes } from '@shared/api/inventory';
import type { HandlersFor } from '../router';
import { bulkEdit } from './bulk';
import { itemHistory } from './history';
import type { InventoryService } from './service';

export function inventoryHandlers(service: InventoryService): HandlersFor<typeof inventoryRoutes> {
  return {
    'inventory.list': (query) => service.list(query),
    'inventory.get': ({ id }) => service.get(id),
    'inventory.create': (input) => service.create(input),
    'inventory.update': ({ id, rev, changes, quantity }) => service.update(id, rev, changes, quantity),
    'inventory.archive': ({ id, rev }) => service.archive(id, rev),
    'inventory.delete': ({ id, rev }) => service.delete(id, rev),
    'inventory.bulkEdit': (input) =>
      bulkEdit(service, 'ids' in input ? { ids: input.ids } : { filter: input.filter }, input.change),
    'inventory.adjustStock': ({ id, kind, delta, note }) => service.adjustStock(id, kind, delta, note),
    'inventory.recordSale': ({ id, ...sale }) => service.recordSale(id, sale),
    'inventory.history': ({ id }) => itemHistory(service, id),
    'inventory.facets': () => service.index.facets(),
  };
}
