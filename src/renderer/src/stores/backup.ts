/** Backups: status, settings, "Back up now", restore and delete everything, each answer parsed with the contract. */
import { create } from 'zustand';
import { routes, type ApiError, type BackupConfig, type BackupCounts, type BackupStatus } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface BackupStore {
  status: BackupStatus | null;
  busy: 'saving' | 'backing-up' | 'restoring' | 'deleting' | null;
  error: ApiError | null;
  /** What the last action did, in words. */
  done: string | null;
  load(): Promise<void>;
  configure(patch: Partial<BackupConfig>): Promise<void>;
  backUpNow(): Promise<void>;
  restore(file: string): Promise<void>;
  deleteEverything(confirm: string): Promise<void>;
}

const describeCounts = (c: BackupCounts) =>
  `${Object.entries(c.databases)
    .map(([name, n]) => `${n} ${name} records`)
    .join(', ')}, ${c.photos} photos`;

export const useBackupStore = create<BackupStore>((set, get) => {
  const run = async <T>(busy: BackupStore['busy'], work: () => Promise<{ data: T } | { error: ApiError }>) => {
    set({ busy, error: null, done: null });
    const r = await work();
    set({ busy: null, ...('error' in r ? { error: r.error } : {}) });
    return 'data' in r ? r.data : null;
  };
  return {
    status: null,
    busy: null,
    error: null,
    done: null,
    load: async () => {
      const r = read(await api.call('backup.status', {}), routes['backup.status'].output);
      set('data' in r ? { status: r.data } : { error: r.error });
    },
    configure: async (patch) => {
      const status = await run('saving', async () =>
        read(await api.call('backup.configure', patch), routes['backup.configure'].output),
      );
      if (status) set({ status, done: 'Saved.' });
    },
    backUpNow: async () => {
      const file = await run('backing-up', async () =>
        read(await api.call('backup.now', {}), routes['backup.now'].output),
      );
      if (file) {
        set({
          done: `Backed up to ${file.file} (${(file.bytes / 1e6).toFixed(1)} MB: ${describeCounts(file.counts)}).`,
        });
        await get().load();
      }
    },
    restore: async (file) => {
      const counts = await run('restoring', async () =>
        read(await api.call('backup.restore', { file }), routes['backup.restore'].output),
      );
      if (counts) set({ done: `Restored ${describeCounts(counts)}. Enter your sync password again to sync.` });
    },
    deleteEverything: async (confirm) => {
      const r = await run('deleting', async () =>
        read(await api.call('backup.deleteEverything', { confirm }), routes['backup.deleteEverything'].output),
      );
      if (r) {
        set({ done: 'Everything on this computer will be deleted when FlipSync next starts. Close FlipSync now.' });
        await get().load();
      }
    },
  };
});
