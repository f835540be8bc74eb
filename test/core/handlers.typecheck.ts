/**
 * Compile-time proof that the handler map covers the contract: `npm run typecheck` fails
 * if the @ts-expect-error below stops being an error (a missing handler compiles).
 */
import type { Handlers } from '../../src/main/core/router';

// @ts-expect-error settings.set and settings.get are missing, so this must not compile.
export const incomplete: Handlers = {
  'app.info': () => {
    throw new Error('never called');
  },
};
