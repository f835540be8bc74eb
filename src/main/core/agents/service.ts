/**
 * Agents in core: starts runs (from chat, the schedule or a button), keeps the ones in
 * progress cancellable, records how each ended, and announces it on the event bus.
 */
import { localDay } from '../ai/usage';
import { feesInForce } from './pricing/fees';
import type { AgentId, Proposal, Run, Trigger } from '@shared/api/agents';
import { acceptsImages } from '@shared/domain/vision';
import { AiError } from '../ai/errors';
import { BUDGET_HINT, budgetUsedUp } from '../ai/metering';
import type { AiService, ChatMessage } from '../ai/service';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { PhotoStore } from '../inventory/photos/store';
import type { InventoryService } from '../inventory/service';
import type { SettingsStore } from '../settings/store';
import { ConfigStore } from './config';
import type { AgentDefinition } from './definition';
import type { RunDoc } from './docs';
import { ProposalStore } from './proposals';
import { ProposalGroups } from './groups';
import { RunStore } from './runs';
import { RunFailure, runLoop, type LoopTotals } from './runtime';
import { noResultOf } from './outcome';
import type { ToolContext } from './tools/tool';
import { NO_MARKETPLACE, salesFromDocs, type Marketplace, type SalesSource } from './tools/data';
import { logger } from '../log';

const log = logger('agents');

export interface AgentsOptions {
  db: Database;
  ai: AiService;
  inventory: InventoryService;
  /** The seller's sales; every sale document is read per use when not given. */
  sales?: SalesSource;
  /** The connected marketplace (eBay); pricing and listing work without it. */
  market?: Marketplace;
  photos: PhotoStore;
  settings: SettingsStore;
  events: EventBus;
  definitions: AgentDefinition[];
  maxModelCalls?: number;
  runTimeoutMs?: number;
  now?: () => Date;
}

/** How a run ended, with what it threw (the chat shows an AI error as such). */
export interface Ended {
  run: Run;
  error: unknown;
}

interface LiveRun {
  controller: AbortController;
  done: Promise<Run>;
  /** The run that started this one (a hand-off); stopping it stops this too. */
  parentRunId: string | null;
}

export class AgentsService {
  readonly runs: RunStore;
  readonly proposals: ProposalStore;
  readonly groups: ProposalGroups;
  readonly config: ConfigStore;
  readonly definitions: Map<AgentId, AgentDefinition>;
  private readonly live = new Map<string, LiveRun>();
  private readonly maxModelCalls: number;
  readonly runTimeoutMs: number;
  private closed = false;

  constructor(private readonly o: AgentsOptions) {
    this.definitions = new Map(o.definitions.map((d) => [d.id, d]));
    this.runs = new RunStore(o.db, o.events, o.now);
    this.config = new ConfigStore(o.db);
    const terms = async () => {
      const s = await o.settings.get();
      return {
        currency: s.general.currency,
        belowBreakEven: s.inventory.markdownBelowBreakEven,
        fees: feesInForce(s, localDay((o.now ?? (() => new Date()))())),
      };
    };
    this.proposals = new ProposalStore(o.db, o.inventory, o.events, (a) => this.name(a), o.now, terms);
    this.groups = new ProposalGroups(this.proposals, o.inventory, terms, async (agent) => {
      return (await this.config.get(agent)).autonomy;
    });
    this.maxModelCalls = o.maxModelCalls ?? 8;
    this.runTimeoutMs = o.runTimeoutMs ?? 5 * 60_000;
  }

  async start(): Promise<void> {
    await this.runs.recover(this.runTimeoutMs * 2);
  }

  get settings(): SettingsStore {
    return this.o.settings;
  }

  definition(agent: AgentId): AgentDefinition {
    const def = this.definitions.get(agent);
    if (!def) throw new AppError('NOT_FOUND', `There is no agent named ${agent}.`);
    return def;
  }

  name(agent: AgentId): string {
    return this.definitions.get(agent)?.name ?? agent;
  }

  isRunning(runId: string): boolean {
    return this.live.has(runId);
  }

  /**
   * Records a run and starts it; `done` settles with the run as it ended (never rejects).
   * Refuses to start when the agent is paused or, for agents that call a model, when
   * today's AI budget is spent.
   */
  async run(
    agent: AgentId,
    trigger: Trigger,
    input?: string,
    opts: { parentRunId?: string; history?: ChatMessage[]; onText?: (text: string) => void } = {},
  ): Promise<{ runId: string; done: Promise<Run>; ended: Promise<Ended> }> {
    if (this.closed) throw new AppError('UNAVAILABLE', 'FlipSync is closing; the run was not started.');
    const def = this.definition(agent);
    if (await this.config.isPaused(agent)) {
      throw new AppError('CONFLICT', `${def.name} is paused, so it did not run.`, 'Resume it on the Agents page.');
    }
    if (!def.direct) {
      const today = await this.o.ai.usageToday();
      if (today.blocked) {
        throw new AppError('FORBIDDEN', `${budgetUsedUp(today)}, so ${def.name} did not run.`, BUDGET_HINT);
      }
    }
    const doc = await this.runs.start(agent, trigger, input?.trim() || def.defaultTask, opts.parentRunId ?? null);
    const controller = new AbortController();
    const ended = this.execute(def, doc, controller, trigger, opts);
    const done = ended.then((e) => e.run);
    this.live.set(doc._id, { controller, done, parentRunId: opts.parentRunId ?? null });
    void done.finally(() => this.live.delete(doc._id));
    return { runId: doc._id, done, ended };
  }

  /** Stops a run and every run it handed work to (a stopped chat stops its specialists too). */
  cancel(runId: string): boolean {
    const live = this.live.get(runId);
    if (!live) return false;
    for (const [childId, child] of this.live) if (child.parentRunId === runId) this.cancel(childId);
    live.controller.abort(new AiError('cancelled', 'The run was cancelled.'));
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.live.values()];
    for (const r of running) r.controller.abort(new RunFailure('FlipSync closed during the run.'));
    await Promise.all(running.map((r) => r.done));
    this.proposals.stop();
  }

  private async execute(
    def: AgentDefinition,
    doc: RunDoc,
    controller: AbortController,
    trigger: Trigger,
    opts: { history?: ChatMessage[]; onText?: (text: string) => void },
  ): Promise<Ended> {
    const totals: LoopTotals = { promptTokens: 0, completionTokens: 0, costUsd: 0, modelCalls: 0, toolCalls: 0 };
    let proposals = 0;
    let answeredBy: AgentId = def.id;
    // Unreadable settings mean text only, not a run that never ends.
    const vision = await this.o.settings.get().then(
      (s) => acceptsImages(s.ai, def.model),
      () => false,
    );
    const timer = setTimeout(
      () =>
        controller.abort(
          new RunFailure(`The run took longer than ${Math.round(this.runTimeoutMs / 1000)} s and was stopped.`),
        ),
      this.runTimeoutMs,
    );
    const ctx: ToolContext = {
      runId: doc._id,
      agent: def.id,
      signal: controller.signal,
      inventory: this.o.inventory,
      sales: this.o.sales ?? salesFromDocs(this.o.inventory),
      market: this.o.market ?? NO_MARKETPLACE,
      settings: this.o.settings,
      events: this.o.events,
      now: this.o.now ?? (() => new Date()),
      proposals: this.proposals,
      photos: this.o.photos,
      acceptsImages: vision,
      photosShown: new Map(),
      propose: async (p): Promise<Proposal> => {
        const { autonomy } = await this.config.get(def.id);
        const proposal = await this.proposals.create({ ...p, agent: def.id, runId: doc._id }, autonomy);
        proposals++;
        return proposal;
      },
      handoff: async (agent, task) => {
        if (agent === def.id || agent === 'assistant')
          throw new AppError('BAD_REQUEST', 'Hand off to a specialist, not to the assistant.');
        const child = await this.run(agent, 'chat', task, { parentRunId: doc._id });
        const run = await child.done;
        if (run.outcome !== 'succeeded')
          throw new AppError('UNAVAILABLE', `${this.name(agent)} could not finish: ${run.error ?? run.outcome}`);
        answeredBy = agent;
        return { runId: run.id, answer: run.output ?? '', proposals: run.proposals };
      },
    };
    try {
      const output = def.direct
        ? await def.direct({
            ...ctx,
            trigger,
            note: async (text) => void (await this.runs.step(ctx, { kind: 'note', text })),
          })
        : await runLoop({
            ai: this.o.ai,
            runs: this.runs,
            def,
            input: doc.input,
            history: opts.history ?? [],
            ...(opts.onText ? { onText: opts.onText } : {}),
            ctx,
            maxModelCalls: this.maxModelCalls,
            totals,
            context: await this.context(),
          });
      if (controller.signal.aborted) throw controller.signal.reason;
      const noResult = def.direct ? null : noResultOf(def, totals);
      const run = await this.runs.finish(doc, {
        outcome: noResult ? 'no-result' : 'succeeded',
        output,
        ...(noResult ? { error: noResult } : {}),
        ...this.totalsOf(totals, proposals),
        answeredBy,
      });
      this.o.events.emit('agent.runFinished', {
        runId: run.id,
        agent: def.id,
        agentName: def.name,
        outcome: run.outcome,
        proposals,
      });
      return { run, error: null };
    } catch (thrown) {
      const error = controller.signal.aborted && controller.signal.reason ? controller.signal.reason : thrown;
      const cancelled = error instanceof AiError && error.kind === 'cancelled';
      const message =
        error instanceof AppError || error instanceof RunFailure
          ? error.message
          : 'FlipSync hit an unexpected error during the run; details are in the log.';
      if (!(error instanceof AppError || error instanceof RunFailure))
        log.error(`${def.id} run ${doc._id} failed`, error);
      const run = await this.runs.finish(doc, {
        outcome: cancelled ? 'cancelled' : 'failed',
        error: message,
        ...this.totalsOf(totals, proposals),
        answeredBy,
      });
      this.o.events.emit('agent.runFinished', {
        runId: run.id,
        agent: def.id,
        agentName: def.name,
        outcome: run.outcome,
        proposals,
      });
      if (!cancelled)
        this.o.events.emit('agent.runFailed', { runId: run.id, agent: def.id, agentName: def.name, error: message });
      return { run, error };
    } finally {
      clearTimeout(timer);
    }
  }

  private totalsOf(t: LoopTotals, proposals: number) {
    return {
      usage: { promptTokens: t.promptTokens, completionTokens: t.completionTokens },
      costUsd: t.costUsd,
      modelCalls: t.modelCalls,
      toolCalls: t.toolCalls,
      proposals,
    };
  }

  private async context(): Promise<string[]> {
    const s = await this.o.settings.get();
    const now = (this.o.now ?? (() => new Date()))();
    return [
      `Today is ${now.toISOString().slice(0, 10)}. Money is in ${s.general.currency}.`,
      `The seller's target margin is ${s.inventory.targetMarginPct}% of the sale price; listings older than ${s.inventory.staleListingDays} days count as stale.`,
    ];
  }
}
