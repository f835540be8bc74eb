/**
 * Runs and their steps in the agents database. A run document is written when the run
 * starts (so a crash still leaves a trace) and once more when it ends; every step is its
 * own document, appended and never edited. The start and each step are announced on the
 * event bus once they are saved, so a page watching a run never shows what is not on disk.
 */
import type { AgentId, Run, Step, Trigger } from '@shared/api/agents';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import {
  isNotFound,
  newRunId,
  newStepId,
  RUN_RANGE,
  stepRange,
  toRun,
  toStep,
  type RunDoc,
  type StepDoc,
} from './docs';

/** Tool results and model texts are kept whole up to this size; beyond it the tail is cut. */
export const STEP_TEXT_MAX = 16_000;
export const clip = (text: string, max = STEP_TEXT_MAX) =>
  text.length > max ? `${text.slice(0, max)}… [${text.length - max} more characters not kept]` : text;

type StepInput = Step extends infer S ? (S extends Step ? Omit<S, 'id' | 'at'> : never) : never;

export class RunStore {
  constructor(
    readonly db: Database,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(agent: AgentId, trigger: Trigger, input: string, parentRunId: string | null): Promise<RunDoc> {
    const doc: RunDoc = {
      _id: newRunId(),
      type: 'run',
      agent,
      trigger,
      input,
      outcome: 'running',
      startedAt: this.now().toISOString(),
      finishedAt: null,
      output: null,
      error: null,
      usage: { promptTokens: 0, completionTokens: 0 },
      costUsd: 0,
      modelCalls: 0,
      toolCalls: 0,
      proposals: 0,
      parentRunId,
      answeredBy: null,
    };
    const saved = await this.db.put(doc);
    const started = { ...doc, _rev: saved.rev };
    this.events.emit('agent.runStarted', {
      runId: started._id,
      agent,
      trigger,
      at: started.startedAt,
      run: toRun(started),
    });
    return started;
  }

  /** Appends a step to a run; `of` names the run and its agent (a tool context does). */
  async step(of: { runId: string; agent: AgentId }, step: StepInput): Promise<Step> {
    const { runId, agent } = of;
    const doc = { ...step, _id: newStepId(runId), type: 'step', runId, at: this.now().toISOString() } as StepDoc;
    await this.db.put(doc);
    const saved = toStep(doc);
    this.events.emit('agent.runStep', { runId, agent, step: saved, at: saved.at });
    return saved;
  }

  async finish(doc: RunDoc, end: Partial<Omit<RunDoc, '_id' | '_rev' | 'type'>>): Promise<Run> {
    const next: RunDoc = { ...doc, ...end, finishedAt: this.now().toISOString() };
    const saved = await this.db.put(next);
    return toRun({ ...next, _rev: saved.rev });
  }

  async get(runId: string): Promise<Run> {
    try {
      const doc = await this.db.get<RunDoc>(runId);
      return toRun(doc);
    } catch (error) {
      if (isNotFound(error))
        throw new AppError('NOT_FOUND', `There is no run ${runId}.`, 'Pick a run from the list on the Agents page.');
      throw error;
    }
  }

  async steps(runId: string): Promise<Step[]> {
    const rows = await this.db.allDocs<StepDoc>({ ...stepRange(runId), include_docs: true });
    return rows.rows.flatMap((r) => (r.doc ? [toStep(r.doc)] : []));
  }

  /** Every run, oldest first (ids sort by start time). */
  async all(): Promise<Run[]> {
    const rows = await this.db.allDocs<RunDoc>({ ...RUN_RANGE, include_docs: true });
    return rows.rows.flatMap((r) => (r.doc ? [toRun(r.doc)] : []));
  }

  /**
   * Runs left `running` by a FlipSync that stopped mid-run (crash, power cut) are recorded
   * as failed, so no agent shows "running" forever. Only runs older than the longest a run
   * may take: a younger one may be running right now on another device (runs sync).
   */
  async recover(maxRunMs: number): Promise<number> {
    const rows = await this.db.allDocs<RunDoc>({ ...RUN_RANGE, include_docs: true });
    const before = this.now().getTime() - maxRunMs;
    let fixed = 0;
    for (const row of rows.rows) {
      const doc = row.doc;
      if (!doc || doc.outcome !== 'running' || Date.parse(doc.startedAt) > before) continue;
      await this.finish(doc, { outcome: 'failed', error: 'FlipSync stopped while this run was in progress.' });
      fixed++;
    }
    return fixed;
  }
}
