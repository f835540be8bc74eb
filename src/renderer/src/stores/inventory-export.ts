/** Export of all items or the current filter, as CSV or JSON text the core writes. */
import { create } from 'zustand';
import { routes, type ApiError } from '@shared/api';
import type { z } from 'zod';
import { api } from '../api/client';
import { read } from './inventory-result';
import { useInventoryTable } from './inventory-table';

const ExportSchema = routes['inventory.export'].output;
export type ExportFile = z.infer<typeof ExportSchema>;

interface ExportStore {
  busy: boolean;
  error: ApiError | null;
  last: { fileName: string; count: number } | null;
  run(format: 'csv' | 'json', scope: 'all' | 'filter'): Promise<ExportFile | null>;
}

export const useExport = create<ExportStore>((set) => ({
  busy: false,
  error: null,
  last: null,
  run: async (format, scope) => {
    const { filter, sort, dir } = useInventoryTable.getState();
    set({ busy: true, error: null });
    const query = scope === 'filter' ? { ...filter, sort, dir } : undefined;
    const r = read(await api.call('inventory.export', { format, query }), ExportSchema);
    if ('error' in r) {
      set({ busy: false, error: r.error });
      return null;
    }
    set({ busy: false, last: { fileName: r.data.fileName, count: r.data.count } });
    return r.data;
  },
}));
