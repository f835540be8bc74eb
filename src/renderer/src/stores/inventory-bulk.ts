/**
 * Bulk actions on the selected items, or on every item the current filter matches:
 * price by % or amount, status, location, tags (through `inventory.bulkEdit`), and delete.
 */
import { ulid } from 'ulid';
import { create } from 'zustand';
import { routes, type ApiError, type BulkChangeSchema } from '@shared/api';
import { ItemSchema } from '@shared/domain/inventory';
import type { z } from 'zod';
import { api } from '../api/client';
import { read } from './inventory-result';
import { useInventoryTable } from './inventory-table';

const BulkSchema = routes['inventory.bulkEdit'].output;
const DeleteSchema = routes['inventory.delete'].output;
export type BulkChange = z.input<typeof BulkChangeSchema>;

interface BulkStore {
  busy: boolean;
  message: string | null;
  error: ApiError | null;
  apply(change: BulkChange, scope: 'selection' | 'filter'): Promise<boolean>;
  deleteSelected(): Promise<void>;
  clearMessage(): void;
}

function afterChange() {
  const table = useInventoryTable.getState();
  void table.refresh();
  void table.loadFacets();
}

export const useBulkActions = create<BulkStore>((set) => ({
  busy: false,
  message: null,
  error: null,
  apply: async (change, scope) => {
    const { selected, filter } = useInventoryTable.getState();
    const target = scope === 'selection' ? { ids: [...selected] } : { filter };
    set({ busy: true, error: null, message: null });
    // One id per click: the same request sent again is applied once.
    const operationId = ulid();
    const r = read(await api.call('inventory.bulkEdit', { ...target, change, operationId }), BulkSchema);
    if ('error' in r) {
      set({ busy: false, error: r.error });
      return false;
    }
    const { matched, changed, failed } = r.data;
    set({
      busy: false,
      message: `Changed ${changed} of ${matched} item${matched === 1 ? '' : 's'}${failed > 0 ? `; ${failed} could not be changed` : ''}.`,
    });
    afterChange();
    return true;
  },
  deleteSelected: async () => {
    const table = useInventoryTable.getState();
    const revs = new Map<string, string>();
    for (const row of Object.values(table.pages).flat()) if (table.selected.has(row.id)) revs.set(row.id, row.rev);
    set({ busy: true, error: null, message: null });
    let deleted = 0;
    let lastError: ApiError | null = null;
    for (const id of table.selected) {
      let rev = revs.get(id);
      if (!rev) {
        const got = read(await api.call('inventory.get', { id }), ItemSchema);
        if ('error' in got) {
          lastError = got.error;
          continue;
        }
        rev = got.data.rev;
      }
      const r = read(await api.call('inventory.delete', { id, rev }), DeleteSchema);
      if ('error' in r) lastError = r.error;
      else deleted++;
    }
    const failed = table.selected.size - deleted;
    set({
      busy: false,
      error: lastError,
      message: `Deleted ${deleted} item${deleted === 1 ? '' : 's'}${failed > 0 ? `; ${failed} not deleted` : ''}.`,
    });
    useInventoryTable.getState().clearSelection();
    afterChange();
  },
  clearMessage: () => set({ message: null, error: null }),
}));
