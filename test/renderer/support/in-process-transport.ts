/**
 * A transport for component tests that calls a real core in this process: the same router,
 * the same handlers, the same LevelDB on disk. Only the wire is missing.
 */
import type { Transport } from '../../../src/renderer/src/api/transport';
import type { Core } from '../../../src/main/core/core';

export function inProcessTransport(core: Core): Transport {
  return {
    kind: 'test',
    // A JSON round trip, as over the real wire: nothing passes by reference.
    call: async (route, input) =>
      JSON.parse(
        JSON.stringify(
          await core.dispatch(route, JSON.parse(JSON.stringify(input ?? null)), { transport: 'in-process' }),
        ),
      ),
    on: (event, listener) => core.events.onAny((name, payload) => name === event && listener(payload)),
    onState: (listener) => {
      listener('open');
      return () => undefined;
    },
  };
}
