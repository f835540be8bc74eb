import type { appRoutes } from '@shared/api';
import type { Database } from '../db/open';
import type { Platform } from '../platform/types';
import type { HandlersFor } from '../router';
import { diagnostics, type DiagnosticsDeps } from './diagnostics';
import { appInfo } from './info';

export function appHandlers(
  platform: Platform,
  startedAt: Date,
  databases: Record<string, Database>,
  deps: DiagnosticsDeps,
): HandlersFor<typeof appRoutes> {
  return {
    'app.info': () => appInfo(platform, startedAt, databases),
    'app.diagnostics': async () => ({ text: await diagnostics(platform, deps) }),
  };
}
