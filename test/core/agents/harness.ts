/** A real core on a temp LevelDB folder, its AI pointed at the scripted OpenAI-compatible server. */
import type { Core } from '../../../src/main/core/core';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import type { EventName, EventPayload } from '../../../src/shared/api';
import type { ItemFields } from '../../../src/shared/domain/inventory';
import { startCore } from '../../support/core';
import { call } from '../inventory/helpers';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { tempDir } from '../../support/temp-dir';

export interface AgentsHarness {
  core: Core;
  server: OpenAiServer;
  events: { name: EventName; payload: unknown }[];
  of<E extends EventName>(name: E): EventPayload<E>[];
  item(fields: Partial<ItemFields> & { sku: string; title: string; quantity?: number }): Promise<string>;
  close(): Promise<void>;
}

export async function startAgentsHarness(): Promise<AgentsHarness> {
  const dir = await tempDir('flipsync-agents-');
  const server = await startOpenAiServer();
  const core = await startCore(dir.path);
  await core.platform.secrets.set(API_KEY_SECRET, 'sk-test-agents-0123456789');
  await core.dispatch(
    'settings.set',
    { ai: { preset: 'custom', baseUrl: server.baseUrl, model: 'gpt-4o-mini' } },
    {
      transport: 'in-process',
    },
  );
  const events: { name: EventName; payload: unknown }[] = [];
  core.events.onAny((name, payload) => events.push({ name, payload }));
  return {
    core,
    server,
    events,
    of: <E extends EventName>(name: E) =>
      events.filter((e) => e.name === name).map((e) => e.payload as EventPayload<E>),
    item: async (fields) => (await core.inventory.create({ quantity: 1, ...fields })).id,
    async close() {
      await core.close();
      await server.close();
      await dir.remove();
    },
  };
}

export const daysAgo = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A scripted model turn that calls tools. */
export const calls = (...list: [name: string, args: unknown][]) => ({
  type: 'chat' as const,
  toolCalls: list.map(([name, args]) => ({ name, arguments: typeof args === 'string' ? args : JSON.stringify(args) })),
  usage: { prompt: 100, completion: 20 },
});
export const says = (content: string) => ({ type: 'chat' as const, content, usage: { prompt: 120, completion: 30 } });

export async function until(check: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits for a run to end and answers it as recorded. */
export async function waitRun(h: AgentsHarness, runId: string) {
  await until(() => !h.core.agents.isRunning(runId), 30_000);
  return (await call(h.core, 'agents.runDetail', { runId })).run;
}
