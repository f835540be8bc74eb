/**
 * The one place the renderer learns how it reaches the core: Electron IPC through the
 * preload's `window.flipsync`, or browser mode's WebSocket. Nothing else knows which.
 */
import { fail, type Result } from '@shared/api';
import { CORE_STATE_EVENT } from '@shared/ipc-channels';
import { asResult } from './result';
import { createWebSocketTransport } from './websocket';

/** `no-token`: a browser-mode page opened without the per-run token; it cannot connect at all. */
/** `reconnecting`: the desktop app's core process died and is being restarted. */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'no-token' | 'reconnecting';

export interface Transport {
  kind: 'ipc' | 'websocket' | 'test';
  call(route: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
}

interface PreloadBridge {
  call(route: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The desktop app's eBay consent window: where eBay's answer landed, or null if closed. */
  consent?(url: string): Promise<string | null>;
}

declare global {
  interface Window {
    flipsync?: PreloadBridge;
  }
}

function createIpcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    call: async (route, input) => {
      try {
        return asResult(await bridge.call(route, input));
      } catch {
        return fail('UNAVAILABLE', 'The FlipSync main process did not answer.');
      }
    },
    on: (event, listener) => bridge.on(event, listener),
    // The window opens once the core answers; afterwards the shell reports its restarts.
    onState: (listener) => {
      listener('open');
      return bridge.on(CORE_STATE_EVENT, (payload) => {
        const state = (payload as { state?: unknown } | null)?.state;
        if (state === 'ready') listener('open');
        else if (state === 'restarting' || state === 'starting') listener('reconnecting');
        else if (state === 'failed' || state === 'stopped') listener('closed');
      });
    },
  };
}

let current: Transport | null = null;

export function getTransport(): Transport {
  if (!current) {
    current = window.flipsync
      ? createIpcTransport(window.flipsync)
      : createWebSocketTransport(window.location, window.sessionStorage);
  }
  return current;
}

/** For component tests, which hand in a transport wired to a real core in-process. */
export function setTransport(transport: Transport | null): void {
  current = transport;
}
