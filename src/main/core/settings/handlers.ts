import type { settingsRoutes } from '@shared/api';
import { AppError } from '../errors';
import { CaFileError } from '../net/tls-errors';
import { readCaFile } from '../net/trust';
import type { HandlersFor } from '../router';
import type { SettingsStore } from './store';

/**
 * A CA certificate file is read when it is saved, not first at Test connection: a path that
 * does not exist or a file without a certificate is refused beside the field, nothing saved.
 */
async function checkCaFile(file: string | undefined): Promise<void> {
  if (!file?.trim()) return;
  try {
    await readCaFile(file);
  } catch (error) {
    if (!(error instanceof CaFileError)) throw error;
    throw new AppError('INVALID_INPUT', error.message, error.hint, [{ path: 'ai.caFile', message: error.message }]);
  }
}

export function settingsHandlers(settings: SettingsStore): HandlersFor<typeof settingsRoutes> {
  return {
    'settings.get': () => settings.get(),
    'settings.set': async (patch) => {
      await checkCaFile(patch.ai?.caFile);
      return settings.set(patch);
    },
  };
}
