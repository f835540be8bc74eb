import type { aiRoutes } from '@shared/api';
import { deleteBound, hostOf, readBound, saveBound } from '../platform/bound-secrets';
import path from 'node:path';
import type { Platform, SecretStore } from '../platform/types';
import type { HandlersFor } from '../router';
import type { SettingsStore } from '../settings/store';
import { API_KEY_SECRET } from './connection';
import { PRESETS, resolveEndpoint } from './presets';
import type { AiService } from './service';

export function aiHandlers(
  ai: AiService,
  secrets: SecretStore,
  settings: SettingsStore,
  platform?: Pick<Platform, 'shell' | 'dataDir'>,
): HandlersFor<typeof aiRoutes> {
  // Browser mode has no keychain: FileSecretStore keeps secrets in this 0600 file.
  const storedIn = platform?.shell === 'browser' ? ('file' as const) : ('keychain' as const);
  const file = platform && storedIn === 'file' ? path.join(platform.dataDir, 'secrets', 'secrets.json') : null;
  /** The origin calls go to now (null: no address yet); a key is saved for it and sent only to it. */
  const origin = async () => {
    try {
      return new URL(resolveEndpoint((await settings.get()).ai).baseUrl).origin;
    } catch {
      return null;
    }
  };
  const keyStatus = async () => {
    const here = await origin();
    const read = await readBound(secrets, API_KEY_SECRET, here);
    return {
      stored: read.value !== null,
      required: PRESETS[(await settings.get()).ai.preset].needsKey,
      savedFor: read.boundTo ? hostOf(read.boundTo) : null,
      server: here ? hostOf(here) : null,
      storedIn,
      file,
    };
  };
  return {
    'ai.keyStatus': keyStatus,
    'ai.setKey': async ({ key }) => {
      await saveBound(secrets, API_KEY_SECRET, key, await origin());
      return keyStatus();
    },
    'ai.clearKey': async () => {
      await deleteBound(secrets, API_KEY_SECRET);
      return keyStatus();
    },
    'ai.models': () => ai.models(),
    'ai.testConnection': () => ai.testConnection(),
    'ai.usageToday': () => ai.usageToday(),
    'ai.prices.get': () => ai.metering.prices.get(),
    'ai.prices.set': ({ prices }) => ai.setPrices(prices),
  };
}
