/** An item's history, derived from what is stored: its movements, its sales and its edit log. */
import type { HistoryEntry } from '@shared/api/inventory';
import { movementRange, type ItemDoc, type MovementDoc, type SaleDoc } from './docs';
import { notFound } from './fields';
import { publicSale } from './sales';
import { publicMovement, type InventoryService } from './service';
import { readMany } from '../db/read-many';

export async function itemHistory(
  service: InventoryService,
  id: string,
): Promise<{ entries: HistoryEntry[]; fieldTimes: Record<string, string> }> {
  let doc: ItemDoc;
  try {
    doc = await service.db.get<ItemDoc>(id);
  } catch (error) {
    if ((error as { status?: number }).status === 404) throw notFound(id);
    throw error;
  }
  const moves = await service.db.allDocs<MovementDoc>({ ...movementRange(id), include_docs: true });
  const movements = moves.rows.flatMap((r) => (r.doc ? [r.doc] : []));
  const saleIds = movements.flatMap((m) => (m.saleId ? [m.saleId] : []));
  const sales =
    saleIds.length === 0 ? [] : (await readMany<SaleDoc>(service.db, saleIds)).flatMap(({ doc }) => (doc ? [doc] : []));
  const entries: HistoryEntry[] = [
    { type: 'created', at: doc.createdAt },
    ...(doc.edits ?? []).map((e) => ({ type: 'edited' as const, at: e.at, fields: e.fields })),
    ...movements.map((m) => ({ type: 'movement' as const, at: m.at, movement: publicMovement(m) })),
    ...sales.map((s) => ({ type: 'sale' as const, at: s.at, sale: publicSale(s) })),
  ];
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { entries, fieldTimes: doc.fieldTimes as Record<string, string> };
}
