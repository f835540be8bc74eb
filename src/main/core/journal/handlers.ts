import type { operationRoutes } from '@shared/api/operations';
import type { HandlersFor } from '../router';
import { summary, type Journal } from './journal';

export function operationHandlers(journal: Journal): HandlersFor<typeof operationRoutes> {
  return {
    'operations.notices': async () =>
      (await journal.all())
        .filter((op) => op.resumedAt && !op.dismissed)
        .map(summary)
        .sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
    'operations.dismiss': async ({ id }) => {
      await journal.dismiss(id);
      return { id };
    },
  };
}
