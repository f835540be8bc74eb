import { fail, type Result, type ServerMessage } from '@shared/api';
import { asResult } from './result';
import type { ConnectionState, Transport } from './transport';

const TOKEN_KEY = 'flipsync.token';
const MAX_BACKOFF_MS = 5000;

/**
 * Browser mode's transport. The per-run token comes from the URL the server printed and is
 * kept for this tab's session, so a reload works. Reconnects with backoff; calls made while
 * disconnected wait for the connection, and calls cut off by a disconnect fail clearly.
 */
export function createWebSocketTransport(location: Location, storage: Storage): Transport {
  const token = new URLSearchParams(location.search).get('token') ?? storage.getItem(TOKEN_KEY);
  if (token) storage.setItem(TOKEN_KEY, token);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token ?? '')}`;

  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiting: (() => void)[] = [];
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setState('open');
      for (const send of waiting.splice(0)) send();
    };
    ws.onmessage = (message) => receive(String(message.data));
    ws.onclose = () => {
      socket = null;
      setState('closed');
      for (const [id, resolve] of pending) {
        pending.delete(id);
        resolve(
          fail('UNAVAILABLE', 'The connection to FlipSync closed before it answered.', {
            hint: 'Check that `npm run serve` is still running; the page reconnects by itself.',
          }),
        );
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    };
  };

  const receive = (text: string) => {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'event') {
      for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
    } else if (typeof message.id === 'number') {
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      resolve?.(asResult(message.result));
    }
  };

  if (!token) {
    setState('no-token');
  } else {
    connect();
  }

  return {
    kind: 'websocket',
    call: (route, input) => {
      if (!token) {
        return Promise.resolve(
          fail('FORBIDDEN', 'This page was opened without its access token.', {
            hint: 'Open the address that `npm run serve` printed, including ?token=…',
          }),
        );
      }
      return new Promise((resolve) => {
        const id = nextId++;
        const send = () => {
          pending.set(id, resolve);
          socket?.send(JSON.stringify({ id, route, input }));
        };
        if (state === 'open' && socket) send();
        else waiting.push(send);
      });
    },
    on: (event, listener) => {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener);
      eventListeners.set(event, set);
      return () => set.delete(listener);
    },
    onState: (listener) => {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}
