/** A real core on a temp data folder, its AI pointed at the scripted OpenAI-compatible server. */
import type { Core } from '../../../src/main/core/core';
import type { EventName, EventPayload } from '../../../src/shared/api';
import { inProcess, startCore } from '../../support/core';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { tempDir } from '../../support/temp-dir';

export interface ChatHarness {
  core: Core;
  server: OpenAiServer;
  dir: string;
  call(route: string, input?: unknown): Promise<unknown>;
  /** Calls and answers the data, or throws with the route's error message. */
  data<T = Record<string, unknown>>(route: string, input?: unknown): Promise<T>;
  events<E extends EventName>(event: E): EventPayload<E>[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startChatHarness(): Promise<ChatHarness> {
  const dir = await tempDir('flipsync-chat-');
  const server = await startOpenAiServer();
  const seen: { event: EventName; payload: unknown }[] = [];
  const boot = async () => {
    const core = await startCore(dir.path);
    core.events.onAny((event, payload) => seen.push({ event, payload }));
    return core;
  };
  const h: ChatHarness = {
    core: await boot(),
    server,
    dir: dir.path,
    call: (route, input) => h.core.dispatch(route, input, inProcess),
    async data<T>(route: string, input?: unknown) {
      const result = await h.core.dispatch(route, input, inProcess);
      if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
      return result.data as T;
    },
    events: <E extends EventName>(event: E) =>
      seen.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    async restart() {
      await h.core.close();
      h.core = await boot();
    },
    async close() {
      await h.core.close();
      await server.close();
      await dir.remove();
    },
  };
  await h.data('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
  await h.data('ai.setKey', { key: 'sk-chat-test-0123456789' });
  return h;
}

export const waitFor = async (check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
