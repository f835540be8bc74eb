import type { aiRoutes } from '@shared/api';
import type { SecretStore } from '../platform/types';
import type { HandlersFor } from '../router';
import type { SettingsStore } from '../settings/store';
import { API_KEY_SECRET } from './connection';
import { PRESETS } from './presets';
import type { AiService } from './service';

export function aiHandlers(ai: AiService, secrets: SecretStore, settings: SettingsStore): HandlersFor<typeof aiRoutes> {
  const keyStatus = async () => ({
    stored: Boolean(await secrets.get(API_KEY_SECRET)),
    required: PRESETS[(await settings.get()).ai.preset].needsKey,
  });
  return {
    'ai.keyStatus': keyStatus,
    'ai.setKey': async ({ key }) => {
      await secrets.set(API_KEY_SECRET, key);
      return keyStatus();
    },
    'ai.clearKey': async () => {
      await secrets.delete(API_KEY_SECRET);
      return keyStatus();
    },
    'ai.models': () => ai.models(),
    'ai.testConnection': () => ai.testConnection(),
    'ai.usageToday': () => ai.usageToday(),
    'ai.prices.get': () => ai.metering.prices.get(),
    'ai.prices.set': ({ prices }) => ai.setPrices(prices),
  };
}
