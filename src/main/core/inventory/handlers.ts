import type { inventoryRoutes } from '@shared/api/inventory';
import type { EventBus } from '../events';
import type { HandlersFor } from '../router';
import { bulkEdit } from './bulk-edit';
import { itemHistory } from './history';
import { recordSale } from './sales';
import type { InventoryService } from './service';

export function inventoryHandlers(service: InventoryService, events: EventBus): HandlersFor<typeof inventoryRoutes> {
  return {
    'inventory.list': (query) => service.list(query),
    'inventory.get': ({ id }) => service.get(id),
    'inventory.create': (input) => service.create(input),
    'inventory.update': ({ id, rev, changes, quantity }) => service.update(id, rev, changes, quantity),
    'inventory.archive': ({ id, rev }) => service.archive(id, rev),
    'inventory.delete': ({ id, rev }) => service.delete(id, rev),
    'inventory.bulkEdit': (input) =>
      bulkEdit(
        service,
        'ids' in input ? { ids: input.ids } : { filter: input.filter },
        input.change,
        input.operationId,
      ),
    'inventory.adjustStock': ({ id, kind, delta, note }) => service.adjustStock(id, kind, delta, note),
    'inventory.recordSale': async ({ id, ...sale }) => {
      const result = await recordSale(service, id, sale);
      const title = (await service.get(id)).title;
      events.emit('inventory.sold', {
        saleId: result.sale.id,
        itemId: id,
        title,
        quantity: result.sale.quantity,
        price: result.sale.price * result.sale.quantity,
      });
      return result;
    },
    'inventory.history': ({ id }) => itemHistory(service, id),
    'inventory.facets': () => service.index.facets(),
  };
}
