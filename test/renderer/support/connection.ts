/**
 * A wire that can drop: wraps the in-process transport as the real ones behave when the core
 * cannot be reached. It reports the state, and calls made meanwhile wait for the connection
 * (as browser mode's WebSocket and the desktop shell's queue do) until it comes back.
 */
import type { ConnectionState, Transport } from '../../../src/renderer/src/api/transport';

export interface DroppableWire {
  wrap(inner: Transport): Transport;
  /** Moves the wire to a state; back to 'open' sends what waited. */
  set(state: ConnectionState): void;
  /**
   * The routes of the calls waiting for the connection. Reads may wait (a page refreshes
   * whenever it likes); a write the seller was told was refused must not.
   */
  waiting(): string[];
}

export function droppableWire(kind: Transport['kind']): DroppableWire {
  let state: ConnectionState = 'open';
  const listeners = new Set<(state: ConnectionState) => void>();
  const queued: { route: string; send: () => void }[] = [];
  return {
    wrap: (inner) => ({
      ...inner,
      kind,
      call: (route, input) =>
        state === 'open'
          ? inner.call(route, input)
          : new Promise((resolve) => queued.push({ route, send: () => void inner.call(route, input).then(resolve) })),
      onState: (listener) => {
        listeners.add(listener);
        listener(state);
        return () => listeners.delete(listener);
      },
    }),
    set: (next) => {
      state = next;
      for (const listener of listeners) listener(next);
      if (next === 'open') for (const { send } of queued.splice(0)) send();
    },
    waiting: () => queued.map((q) => q.route),
  };
}
