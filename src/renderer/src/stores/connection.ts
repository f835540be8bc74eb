import { create } from 'zustand';
import type { ApiError } from '@shared/api';
import { getTransport, type ConnectionState, type Transport } from '../api/transport';

interface ConnectionStore {
  kind: Transport['kind'] | null;
  state: ConnectionState;
  /**
   * The core cannot be reached (it stopped, or the desktop app is restarting it): the banner
   * explains, and saves are refused at once instead of waiting on a connection that may
   * never come back (a restarted server has a new token). The first connect is not "lost".
   */
  lost: boolean;
  /** Subscribes to the transport; returns the unsubscribe. */
  watch(): () => void;
}

export const useConnectionStore = create<ConnectionStore>((set) => ({
  kind: null,
  state: 'connecting',
  lost: false,
  watch: () => {
    const transport = getTransport();
    set({ kind: transport.kind });
    let reached = false;
    return transport.onState((state) => {
      if (state === 'open') reached = true;
      const lost = state !== 'open' && (reached || state === 'closed' || state === 'reconnecting');
      set({ state, lost });
    });
  },
}));

/**
 * Why a save is refused right now, or null when the core is reachable. Checked before a
 * save starts: a call made while disconnected would otherwise wait, silently, for a
 * connection that a restarted server (new address, new token) never gives this page.
 */
export function disconnectedError(): ApiError | null {
  const { lost, kind, state } = useConnectionStore.getState();
  if (!lost) return null;
  const message = 'Cannot save while disconnected from FlipSync; nothing was changed.';
  if (kind === 'ipc') {
    return state === 'reconnecting'
      ? { code: 'UNAVAILABLE', message, hint: 'FlipSync is restarting its core: save again once it is back.' }
      : { code: 'UNAVAILABLE', message, hint: 'Copy what you typed, then quit FlipSync and open it again.' };
  }
  return {
    code: 'UNAVAILABLE',
    message,
    hint: 'Copy what you typed, start FlipSync with `npm run serve`, and open the new address it prints.',
  };
}
