import type { appRoutes } from '@shared/api';
import type { Database } from '../db/open';
import type { Platform } from '../platform/types';
import type { HandlersFor } from '../router';
import { appInfo } from './info';

export function appHandlers(
  platform: Platform,
  startedAt: Date,
  databases: Record<string, Database>,
): HandlersFor<typeof appRoutes> {
  return {
    'app.info': () => appInfo(platform, startedAt, databases),
  };
}
