/**
 * Starts agents in core: the service, the health schedule, the pruning of old history, the
 * chat's assistant and the tray's port.
 */
import type { AiService } from '../ai/service';
import type { ChatService } from '../chat/service';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import type { PhotoStore } from '../inventory/photos/store';
import type { InventoryService } from '../inventory/service';
import type { SettingsStore } from '../settings/store';
import type { AgentsControl } from '../tray/agents-port';
import { assistantAgentProducer } from './chat';
import { createAgents } from './definitions';
import { HistoryPruner } from './prune';
import { HealthScheduler } from './scheduler';
import { AgentsService } from './service';
import type { Marketplace, SalesSource } from './tools/data';

export interface StartAgentsOptions {
  db: Database;
  ai: AiService;
  inventory: InventoryService;
  sales?: SalesSource;
  market?: Marketplace;
  photos: PhotoStore;
  settings: SettingsStore;
  events: EventBus;
  chat?: ChatService;
}

export async function startAgents(o: StartAgentsOptions) {
  const service = new AgentsService({ ...o, definitions: createAgents() });
  await service.start();
  const scheduler = new HealthScheduler(service, o.settings, o.events);
  await scheduler.start();
  const pruner = new HistoryPruner(o.db, o.settings);
  pruner.start();
  o.chat?.setProducer(assistantAgentProducer(service));
  const control: AgentsControl = {
    pendingProposals: async () => (await service.proposals.list({ status: ['pending'], limit: 1 })).pending,
    summary: async () => {
      const all = await service.config.get('all');
      let paused = 0;
      for (const id of service.definitions.keys()) if (all.paused || (await service.config.get(id)).paused) paused++;
      const running = new Set((await service.runs.all()).filter((r) => r.outcome === 'running').map((r) => r.agent));
      return { total: service.definitions.size, paused, running: running.size };
    },
    runInventoryHealth: async () => void (await service.run('health', 'button')),
    pauseAll: async () => void (await service.config.update('all', { paused: true })),
    resumeAll: async () => {
      for (const id of ['all', ...service.definitions.keys()] as const)
        await service.config.update(id, { paused: false });
    },
  };
  return {
    service,
    scheduler,
    pruner,
    control,
    async stop() {
      scheduler.stop();
      await pruner.stop();
      // Chat replies first: they are the assistant's runs, and chat records them as interrupted.
      await o.chat?.close();
      await service.close();
    },
  };
}
