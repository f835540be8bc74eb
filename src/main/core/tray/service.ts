/**
 * Keeps the tray model current from core state: sync status events, and the agents
 * feature (proposals waiting, paused agents) re-read whenever one of its events passes.
 * Runs the tray's core commands; the shell handles windows and Quit.
 */
import type { SyncStatus } from '@shared/api';
import type { EventBus } from '../events';
import type { AgentsControl, AgentsSummary } from './agents-port';
import { buildTrayModel, type TrayCommand, type TrayModel } from './model';
import { logger } from '../log';

const log = logger('tray');

/** Events after which proposals or agent states may have changed. */
const AGENT_EVENT = /^(agents?|proposals?|approvals?|runs?)\./;

export type TrayOutcome = { ok: true; view?: string; quit?: boolean } | { ok: false; message: string };

export interface TrayDeps {
  events: EventBus;
  syncStatus: () => Promise<SyncStatus>;
}

export class TrayService {
  private agents: AgentsControl | null = null;
  private pending: number | null = null;
  private summary: AgentsSummary | null = null;
  private sync: SyncStatus | null = null;
  private healthRunning = false;
  private current: TrayModel;
  private readonly listeners = new Set<(model: TrayModel) => void>();
  private readonly unsubscribers: (() => void)[] = [];
  private refreshing: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly deps: TrayDeps) {
    this.current = this.build();
  }

  async start(): Promise<void> {
    this.unsubscribers.push(
      this.deps.events.on('sync.status', (status) => {
        this.sync = status;
        this.publish();
      }),
      this.deps.events.onAny((name) => {
        if (AGENT_EVENT.test(name)) void this.refresh();
      }),
    );
    try {
      this.sync = await this.deps.syncStatus();
    } catch (error) {
      log.error('could not read the sync status', error);
    }
    await this.refresh();
  }

  /** Called once by core when the agents feature starts. */
  attachAgents(control: AgentsControl): Promise<void> {
    this.agents = control;
    return this.refresh();
  }

  model(): TrayModel {
    return this.current;
  }

  onChange(listener: (model: TrayModel) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads the agents' numbers; calls that arrive during a read cause one more read. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.readAgents();
      } while (this.again && !this.closed);
      this.refreshing = null;
      this.publish();
    })();
    return this.refreshing;
  }

  async perform(command: TrayCommand): Promise<TrayOutcome> {
    const entry = this.current.entries.find((e) => e.type === 'item' && e.id === command);
    if (!entry || entry.type !== 'item') return { ok: false, message: `The tray has no "${command}" entry.` };
    if (!entry.enabled) return { ok: false, message: entry.reason ?? `"${entry.label}" is not available now.` };
    if (command === 'quit') return { ok: true, quit: true };
    if (entry.view !== undefined || command === 'open')
      return { ok: true, ...(entry.view ? { view: entry.view } : {}) };
    const agents = this.agents;
    if (!agents) return { ok: false, message: 'Agents are not available in this build yet.' };
    try {
      if (command === 'runHealth') {
        this.healthRunning = true;
        this.publish();
        try {
          await agents.runInventoryHealth();
        } finally {
          this.healthRunning = false;
        }
      } else if (command === 'pauseAgents') await agents.pauseAll();
      else if (command === 'resumeAgents') await agents.resumeAll();
      return { ok: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `"${entry.label}" failed: ${message}` };
    } finally {
      await this.refresh();
    }
  }

  close(): void {
    this.closed = true;
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.listeners.clear();
  }

  private async readAgents(): Promise<void> {
    if (!this.agents) return;
    try {
      const [pending, summary] = await Promise.all([this.agents.pendingProposals(), this.agents.summary()]);
      this.pending = pending;
      this.summary = summary;
    } catch (error) {
      // Keep the last known numbers rather than blanking the tray on one failed read.
      log.error('could not read the agents state', error);
    }
  }

  private build(): TrayModel {
    return buildTrayModel({
      pending: this.agents ? this.pending : null,
      agents: this.agents ? this.summary : null,
      sync: this.sync,
      healthRunning: this.healthRunning,
    });
  }

  private publish(): void {
    if (this.closed) return;
    this.current = this.build();
    for (const listener of this.listeners) {
      try {
        listener(this.current);
      } catch (error) {
        log.error('a listener failed', error);
      }
    }
  }
}
