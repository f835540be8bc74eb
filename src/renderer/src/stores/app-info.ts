import { create } from 'zustand';
import { AppInfoSchema, type ApiError, type AppInfo } from '@shared/api';
import { api } from '../api/client';

interface AppInfoStore {
  info: AppInfo | null;
  error: ApiError | null;
  load(): Promise<void>;
}

export const useAppInfoStore = create<AppInfoStore>((set) => ({
  info: null,
  error: null,
  load: async () => {
    const result = await api.call('app.info', {});
    if (!result.ok) return set({ error: result.error });
    const parsed = AppInfoSchema.safeParse(result.data);
    if (!parsed.success) {
      return set({ error: { code: 'INTERNAL', message: 'The app status came back in an unexpected shape.' } });
    }
    set({ info: parsed.data, error: null });
  },
}));
