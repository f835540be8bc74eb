import type { ItemSummary } from '@shared/api';
import type { Item } from '@shared/domain/inventory';

/** A saved item as a table row (as core's index would list it), so the table can show a save at once. */
export function rowOf(item: Item): ItemSummary {
  return {
    id: item.id,
    rev: item.rev,
    sku: item.sku,
    title: item.title,
    brand: item.brand,
    category: item.category,
    condition: item.condition,
    location: item.location,
    status: item.status,
    cost: item.cost,
    listPrice: item.listPrice,
    salePrice: item.salePrice,
    quantity: item.quantity,
    tags: item.tags,
    photo: item.photos[0] ?? null,
    acquiredAt: item.acquiredAt,
    listedAt: item.listedAt,
    soldAt: item.soldAt,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    conflictCount: item.conflicts.length,
    ebayItemId: item.ebayItemId,
  };
}
