/**
 * Inline edits in the table: price and status through `inventory.update` (checked against the
 * row's rev), quantity through `inventory.adjustStock` (stock derives from movements). When
 * the item changed elsewhere since the row was loaded, nothing is written: the row reloads
 * and the seller sees why.
 */
import { create } from 'zustand';
import { routes, type ApiError, type ItemSummary } from '@shared/api';
import { ItemSchema, type Item, type ItemStatus } from '@shared/domain/inventory';
import { api } from '../api/client';
import { disconnectedError } from './connection';
import { read } from './inventory-result';
import { rowOf } from './inventory-row';
import { useInventoryTable } from './inventory-table';

const AdjustSchema = routes['inventory.adjustStock'].output;

interface InlineStore {
  /** The last problem, with the row it concerns; shown above the table. */
  notice: { id: string; error: ApiError } | null;
  saving: string | null;
  savePrice(row: ItemSummary, price: number | null): Promise<boolean>;
  saveStatus(row: ItemSummary, status: ItemStatus): Promise<boolean>;
  saveQuantity(row: ItemSummary, quantity: number): Promise<boolean>;
  /** A value refused before anything was sent (not a number, say), shown like the rest. */
  refuse(id: string, message: string): void;
  dismiss(): void;
}

async function reloadRow(id: string): Promise<Item | null> {
  const r = read(await api.call('inventory.get', { id }), ItemSchema);
  if ('error' in r) return null;
  useInventoryTable.getState().replaceRow(rowOf(r.data));
  return r.data;
}

export const useInlineEdit = create<InlineStore>((set, get) => {
  async function update(row: ItemSummary, changes: { listPrice?: number | null; status?: ItemStatus }) {
    const offline = disconnectedError();
    if (offline) return fail(row.id, offline);
    set({ saving: row.id, notice: null });
    const r = read(await api.call('inventory.update', { id: row.id, rev: row.rev, changes }), ItemSchema);
    set({ saving: null });
    if ('error' in r) return fail(row.id, r.error);
    useInventoryTable.getState().replaceRow(rowOf(r.data));
    return true;
  }

  async function fail(id: string, error: ApiError): Promise<false> {
    set({ notice: { id, error } });
    // A conflict means the row on screen is out of date: show what is saved now.
    if (error.code === 'CONFLICT' || error.code === 'NOT_FOUND') await reloadRow(id);
    return false;
  }

  return {
    notice: null,
    saving: null,
    savePrice: (row, price) => update(row, { listPrice: price }),
    saveStatus: (row, status) => update(row, { status }),
    saveQuantity: async (row, quantity) => {
      const offline = disconnectedError();
      if (offline) return fail(row.id, offline);
      set({ saving: row.id, notice: null });
      try {
        // adjustStock records a difference, so it must start from the stock the seller saw.
        const current = await reloadRow(row.id);
        if (!current) return await fail(row.id, { code: 'NOT_FOUND', message: 'This item is no longer there.' });
        if (current.quantity !== row.quantity) {
          return await fail(row.id, {
            code: 'CONFLICT',
            message: `The stock of "${row.title}" changed to ${current.quantity} since this row was loaded (a sale, an import or another device). Nothing was changed.`,
            hint: 'The row now shows the current stock; enter the new quantity again if it is still right.',
          });
        }
        const delta = quantity - current.quantity;
        if (delta === 0) return true;
        const r = read(
          await api.call('inventory.adjustStock', { id: row.id, kind: 'adjusted', delta, note: 'Edited in the table' }),
          AdjustSchema,
        );
        if ('error' in r) return await fail(row.id, r.error);
        useInventoryTable.getState().replaceRow({ id: row.id, quantity: r.data.quantity });
        await reloadRow(row.id);
        return true;
      } finally {
        set({ saving: null });
      }
    },
    refuse: (id, message) => set({ notice: { id, error: { code: 'INVALID_INPUT', message } } }),
    dismiss: () => {
      if (get().notice) set({ notice: null });
    },
  };
});
