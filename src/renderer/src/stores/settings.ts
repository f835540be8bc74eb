import { create } from 'zustand';
import { SettingsSchema, type ApiError, type Settings, type SettingsPatch } from '@shared/api';
import { api } from '../api/client';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

interface SettingsStore {
  settings: Settings | null;
  loadError: ApiError | null;
  saveState: SaveState;
  saveError: ApiError | null;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<boolean>;
  /** Applies settings pushed by the core (another window or device changed them). */
  receive(settings: unknown): void;
}

const parse = (raw: unknown): Settings | null => {
  const parsed = SettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};
const badShape: ApiError = { code: 'INTERNAL', message: 'Settings came back in an unexpected shape.' };

export const useSettingsStore = create<SettingsStore>((set) => ({
  settings: null,
  loadError: null,
  saveState: 'idle',
  saveError: null,
  load: async () => {
    const result = await api.call('settings.get', {});
    if (!result.ok) return set({ loadError: result.error });
    const settings = parse(result.data);
    set(settings ? { settings, loadError: null } : { loadError: badShape });
  },
  save: async (patch) => {
    set({ saveState: 'saving', saveError: null });
    const result = await api.call('settings.set', patch);
    if (!result.ok) {
      set({ saveState: 'failed', saveError: result.error });
      return false;
    }
    const settings = parse(result.data);
    if (!settings) {
      set({ saveState: 'failed', saveError: badShape });
      return false;
    }
    set({ settings, saveState: 'saved' });
    return true;
  },
  receive: (raw) => {
    const settings = parse(raw);
    if (settings) set({ settings });
  },
}));
