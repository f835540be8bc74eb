/** The seller's per-agent choices (pause, autonomy) in the agents database, so they sync too. */
import type { AgentId, Autonomy } from '@shared/api/agents';
import type { Database } from '../db/open';
import { configId, isNotFound, type AgentConfigDoc } from './docs';

export const DEFAULT_AUTONOMY: Autonomy = { mode: 'suggest', minConfidence: 0.8, maxAutoPriceCutPct: 10 };

export interface AgentConfig {
  paused: boolean;
  autonomy: Autonomy;
}

export class ConfigStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Database) {}

  async get(agent: AgentId | 'all'): Promise<AgentConfig> {
    const doc = await this.read(agent);
    return { paused: doc?.paused ?? false, autonomy: { ...DEFAULT_AUTONOMY, ...doc?.autonomy } };
  }

  /** Paused by its own switch or by "pause all". */
  async isPaused(agent: AgentId): Promise<boolean> {
    const [own, all] = await Promise.all([this.get(agent), this.get('all')]);
    return own.paused || all.paused;
  }

  update(agent: AgentId | 'all', change: Partial<Omit<AgentConfigDoc, '_id' | '_rev' | 'type'>>): Promise<AgentConfig> {
    // One write at a time, so two quick clicks never race on the same revision.
    const run = this.queue.then(async () => {
      const doc = await this.read(agent);
      const next: AgentConfigDoc = { _id: configId(agent), type: 'agentcfg', paused: false, ...doc, ...change };
      await this.db.put(next);
      return this.get(agent);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(agent: AgentId | 'all'): Promise<AgentConfigDoc | null> {
    try {
      return await this.db.get<AgentConfigDoc>(configId(agent));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }
}
