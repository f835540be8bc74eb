/**
 * Sync of the inventory (and chat, agents) with the seller's CouchDB server: the live status
 * from `sync.status` and its event, and saving the server settings. Credentials go to core
 * once and never come back: the store only knows whether some are saved.
 */
import { create } from 'zustand';
import { routes, SyncStatusSchema, type ApiError, type SyncStatus } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

const ConfigureSchema = routes['sync.configure'].output;

interface SyncStore {
  status: SyncStatus | null;
  loadError: ApiError | null;
  saving: boolean;
  saveError: ApiError | null;
  saved: boolean;
  load(): Promise<void>;
  /** Follows the core's status events; returns the unsubscribe. */
  watch(): () => void;
  configure(input: { url: string; username?: string; password?: string; enabled: boolean }): Promise<boolean>;
}

export const useSyncStore = create<SyncStore>((set) => ({
  status: null,
  loadError: null,
  saving: false,
  saveError: null,
  saved: false,
  load: async () => {
    const r = read(await api.call('sync.status', {}), SyncStatusSchema);
    set('data' in r ? { status: r.data, loadError: null } : { loadError: r.error });
  },
  watch: () =>
    api.on('sync.status', (payload) => {
      const parsed = SyncStatusSchema.safeParse(payload);
      if (parsed.success) set({ status: parsed.data, loadError: null });
    }),
  configure: async (input) => {
    set({ saving: true, saveError: null, saved: false });
    const r = read(await api.call('sync.configure', input), ConfigureSchema);
    if ('error' in r) {
      set({ saving: false, saveError: r.error });
      return false;
    }
    set({ saving: false, saved: true, status: r.data });
    return true;
  },
}));
