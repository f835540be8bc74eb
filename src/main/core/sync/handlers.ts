import type { syncRoutes } from '@shared/api/sync';
import type { HandlersFor } from '../router';
import type { ConflictsService } from './conflicts';
import type { SyncService } from './service';

export function syncHandlers(sync: SyncService, conflicts: ConflictsService): HandlersFor<typeof syncRoutes> {
  return {
    'sync.configure': (input) => sync.configure(input),
    'sync.start': () => sync.start(),
    'sync.stop': () => sync.stop(),
    'sync.status': () => sync.status(),
    'conflicts.list': () => conflicts.list(),
    'conflicts.pick': (ref) => conflicts.pick(ref),
    'conflicts.dismiss': (ref) => conflicts.dismiss(ref),
  };
}
