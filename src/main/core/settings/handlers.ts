import type { settingsRoutes } from '@shared/api';
import type { HandlersFor } from '../router';
import type { SettingsStore } from './store';

export function settingsHandlers(settings: SettingsStore): HandlersFor<typeof settingsRoutes> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
}
