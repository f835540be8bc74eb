import type { backupRoutes } from '@shared/api/backup';
import type { HandlersFor } from '../router';
import type { BackupService } from './service';

export function backupHandlers(backup: BackupService): HandlersFor<typeof backupRoutes> {
  return {
    'backup.status': () => backup.status(),
    'backup.configure': (input) => backup.configure(input),
    'backup.now': () => backup.backUp('manual'),
    'backup.restore': ({ file }) => backup.restore(file),
    'backup.deleteEverything': ({ confirm }) => backup.deleteEverything(confirm),
  };
}
