import type { operationRoutes } from '@shared/api/operations';
import type { HandlersFor } from '../router';
import type { Journal } from './journal';

export function operationHandlers(journal: Journal): HandlersFor<typeof operationRoutes> {
  return {
    'operations.notices': () => journal.notices(),
    'operations.dismiss': async ({ id }) => {
      await journal.dismiss(id);
      return { id };
    },
  };
}
