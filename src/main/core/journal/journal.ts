/**
 * The operation journal: one record of intent for work that writes many documents (a CSV
 * import, a bulk edit, later every marketplace write through the outbox), kept in the
 * local-only database so it never syncs.
 *
 * How an operation runs:
 * 1. `run(kind, { key, inputs, steps })` first writes the intent: an `op:<kind>:<key>` document
 *    (kind, key, inputs, how many steps, what to do if interrupted) and one `opstep:` document
 *    per step holding that step's input. For a bulk edit a step's input carries the values each
 *    item had before, so the change can be computed from them again, not from what is saved now.
 * 2. Steps run in order. A step must be idempotent: every document it writes names the
 *    operation id (`ops` on items, deterministic ids for new documents), and a step run again
 *    after a crash skips what already carries that id. When a step ends, its result and the
 *    operation's progress are written together (both on the operation document).
 * 3. When all steps are done the kind's `finish` folds the step results into the operation's
 *    result, kept on the operation document; step documents are removed.
 *
 * The key is the idempotency key: running the same key again returns the recorded result and
 * writes nothing (a "+10%" retried by the seller applies once). A key still running (here or
 * being resumed after a restart) is waited for.
 *
 * On start `recover()` finds operations a crash left unfinished and, by the choice recorded at
 * their start, resumes them to the end or rolls back the steps already done (kinds that can).
 * Each recovery is kept as a notice (`notices()`, dismissed by `dismiss(id)`) and announced
 * with the `operations.recovered` event, so the seller learns what happened.
 */
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';

export type OnInterrupt = 'resume' | 'rollback';
export type OperationStatus = 'running' | 'done' | 'rolledBack' | 'failed';

export interface OperationDoc<I = unknown, R = unknown> {
  _id: string;
  _rev?: string;
  type: 'op';
  kind: string;
  key: string;
  status: OperationStatus;
  onInterrupt: OnInterrupt;
  inputs: I;
  steps: number;
  /** Steps finished, in order: the next step to run is `stepsDone`. */
  stepsDone: number;
  /** What each finished step answered (kept here, small, so step inputs are written once). */
  stepResults: unknown[];
  result?: R;
  createdAt: string;
  updatedAt: string;
  /** Set when a start found this operation unfinished: what was done about it, in words. */
  recovered?: { at: string; outcome: 'finished' | 'rolledBack' | 'failed'; message: string; seen: boolean };
}

interface StepDoc {
  _id: string;
  _rev?: string;
  type: 'opstep';
  op: string;
  index: number;
  input: unknown;
}

/** What one operation is while it runs: handed to the kind's step functions. */
export interface OperationContext<I> {
  /** The operation id every document the operation writes names. */
  id: string;
  kind: string;
  inputs: I;
  /** True when this run follows a crash (steps may find their own earlier writes). */
  resumed: boolean;
}

/** A kind of operation: how to run a step, undo one, and fold step results into the result. */
export interface OperationKind<I, St, S, R> {
  kind: string;
  /** Runs one step. Idempotent: a step interrupted midway runs again from its start. */
  runStep(op: OperationContext<I>, step: St, index: number): Promise<S>;
  /** Undoes one finished (or half-finished) step; kinds without it always resume. */
  undoStep?(op: OperationContext<I>, step: St, index: number): Promise<void>;
  finish(op: OperationContext<I>, results: S[]): R;
  /** The sentence a seller reads after a restart found the operation unfinished. */
  describe(op: OperationContext<I>, outcome: 'finished' | 'rolledBack' | 'failed', result?: R): string;
  /** Wraps whole runs (a domain's write queue), so an operation never interleaves with other writes. */
  exclusive?<T>(work: () => Promise<T>): Promise<T>;
  /** Called after each step (progress events). */
  progress?(op: OperationContext<I>, stepsDone: number, steps: number, result: S): void;
}

export interface RunRequest<I, St> {
  key: string;
  inputs: I;
  /** The steps, or how to find them once the kind's `exclusive` queue is held (read before values). */
  steps: St[] | (() => Promise<St[]>);
  onInterrupt?: OnInterrupt;
  /** What a step input is stored as (drop what can be recomputed); defaults to the step itself. */
  stored?: (step: St) => unknown;
}

export interface Notice {
  id: string;
  kind: string;
  outcome: 'finished' | 'rolledBack' | 'failed';
  message: string;
  at: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyKind = OperationKind<any, any, any, any>;

const KEEP_FINISHED = 100;

/** Core is closing: the operation stays unfinished and is resumed at the next start. */
class Stopped extends AppError {
  constructor() {
    super('UNAVAILABLE', 'FlipSync closed during this change; it finishes when FlipSync starts again.');
  }
}
const stepId = (opId: string, index: number) => `opstep:${opId}:${String(index).padStart(6, '0')}`;
const stepRange = (opId: string) => ({ startkey: `opstep:${opId}:`, endkey: `opstep:${opId}:\uffff` });

export class Journal {
  private readonly kinds = new Map<string, AnyKind>();
  private readonly active = new Map<string, Promise<unknown>>();
  private recovering: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  register<I, St, S, R>(kind: OperationKind<I, St, S, R>): void {
    this.kinds.set(kind.kind, kind as AnyKind);
  }

  /** The id an operation of this kind and key has (and its documents name). */
  static idOf(kind: string, key: string): string {
    return `op:${kind}:${key}`;
  }

  /** Runs an operation to its end, or returns the result the same key already has. */
  async run<I, St, S, R>(kindName: string, request: RunRequest<I, St>): Promise<R> {
    await this.recovering;
    const kind = this.kindOf(kindName) as OperationKind<I, St, S, R>;
    const id = Journal.idOf(kindName, request.key);
    const running = this.active.get(id);
    if (running) return (await running) as R;
    const work = (kind.exclusive ?? ((w) => w()))(async () => {
      const existing = await this.read<I, R>(id);
      if (existing?.status === 'done') return existing.result as R;
      if (existing?.status === 'running') return (await this.resume(kind, existing, false)) as R;
      if (existing) {
        throw new AppError('CONFLICT', 'This change was undone after FlipSync closed during it; start it again.');
      }
      const steps = typeof request.steps === 'function' ? await request.steps() : request.steps;
      const now = new Date().toISOString();
      const doc: OperationDoc<I, R> = {
        _id: id,
        type: 'op',
        kind: kindName,
        key: request.key,
        status: 'running',
        onInterrupt: request.onInterrupt ?? 'resume',
        inputs: request.inputs,
        steps: steps.length,
        stepsDone: 0,
        stepResults: [],
        createdAt: now,
        updatedAt: now,
      };
      const stored = request.stored ?? ((s: St) => s);
      const stepDocs: StepDoc[] = steps.map((step, index) => ({
        _id: stepId(id, index),
        type: 'opstep',
        op: id,
        index,
        input: stored(step),
      }));
      // Steps first, the operation last: an operation document always has all its steps.
      // Steps a crash left without their operation are written over.
      const left = await this.db.allDocs(stepRange(id));
      for (const row of left.rows) {
        const step = stepDocs.find((s) => s._id === row.id);
        if (step) step._rev = row.value.rev;
      }
      await this.writeAll(stepDocs);
      await this.writeAll([doc]);
      return this.runSteps(kind, doc, stepDocs, steps, false);
    });
    this.active.set(id, work);
    try {
      return (await work) as R;
    } finally {
      this.active.delete(id);
    }
  }

  /**
   * Resumes or rolls back what a crash left unfinished. Runs in the background; `run` waits
   * for it, so a retried key finds the recovered result.
   */
  recover(): Promise<void> {
    this.recovering = this.recoverAll().catch((error) => {
      console.error('[journal] recovery failed:', error);
    });
    return this.recovering;
  }

  /** Resolves when the recovery started at this start has ended (tests, the notices route). */
  whenRecovered(): Promise<void> {
    return this.recovering;
  }

  /** Recoveries the seller has not dismissed yet, newest first. */
  async notices(): Promise<Notice[]> {
    const all = await this.allOps();
    return all
      .filter((d) => d.recovered && !d.recovered.seen)
      .map((d) => ({ id: d._id, kind: d.kind, ...d.recovered!, at: d.recovered!.at }))
      .map(({ seen: _seen, ...n }) => n as Notice)
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  async dismiss(id: string): Promise<void> {
    const doc = await this.read(id);
    if (!doc?.recovered) return;
    doc.recovered.seen = true;
    await this.db.put(doc);
  }

  /** Stops between steps; an operation cut short here is resumed at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.recovering;
    await Promise.allSettled([...this.active.values()]);
  }

  private async recoverAll(): Promise<void> {
    const unfinished = (await this.allOps()).filter((d) => d.status === 'running');
    for (const doc of unfinished) {
      if (this.stopped) return;
      const kind = this.kinds.get(doc.kind);
      if (!kind) continue;
      const id = doc._id;
      const work = (kind.exclusive ?? ((w) => w()))(() => this.resume(kind, doc, true));
      this.active.set(id, work);
      try {
        await work;
      } catch (error) {
        if (error instanceof Stopped) return;
        console.error(`[journal] could not recover ${id}:`, error);
      } finally {
        this.active.delete(id);
      }
    }
    await this.prune();
  }

  private async resume(kind: AnyKind, doc: OperationDoc, announce: boolean): Promise<unknown> {
    const ctx: OperationContext<unknown> = { id: doc._id, kind: doc.kind, inputs: doc.inputs, resumed: true };
    const steps = (await this.db.allDocs<StepDoc>({ ...stepRange(doc._id), include_docs: true })).rows.map(
      (r) => r.doc as StepDoc,
    );
    let outcome: 'finished' | 'rolledBack' | 'failed' = 'finished';
    let result: unknown;
    try {
      if (doc.onInterrupt === 'rollback' && kind.undoStep) {
        for (let i = Math.min(doc.stepsDone, steps.length - 1); i >= 0; i--) {
          await kind.undoStep(ctx, steps[i]!.input, i);
        }
        outcome = 'rolledBack';
        doc.status = 'rolledBack';
        await this.close(doc, steps);
      } else {
        result = await this.runSteps(
          kind,
          doc,
          steps,
          steps.map((s) => s.input),
          true,
        );
      }
    } catch (error) {
      if (error instanceof Stopped) throw error;
      outcome = 'failed';
      doc.status = 'failed';
      await this.close(doc, steps).catch(() => undefined);
      if (!announce) throw error;
      console.error(`[journal] ${doc._id} failed while resuming:`, error);
    }
    if (announce) {
      const message = kind.describe(ctx, outcome, result);
      const at = new Date().toISOString();
      const fresh = (await this.read(doc._id)) ?? doc;
      fresh.recovered = { at, outcome, message, seen: false };
      await this.db.put(fresh);
      this.events.emit('operations.recovered', { id: doc._id, kind: doc.kind, outcome, message, at });
    }
    return result;
  }

  private async runSteps(
    kind: AnyKind,
    doc: OperationDoc,
    stepDocs: StepDoc[],
    inputs: unknown[],
    resumed: boolean,
  ): Promise<unknown> {
    const ctx: OperationContext<unknown> = { id: doc._id, kind: doc.kind, inputs: doc.inputs, resumed };
    const results = (doc.stepResults ??= []);
    for (let i = doc.stepsDone; i < stepDocs.length; i++) {
      if (this.stopped) throw new Stopped();
      const result = await kind.runStep(ctx, inputs[i], i);
      results[i] = result;
      doc.stepsDone = i + 1;
      doc.updatedAt = new Date().toISOString();
      // The step's result and the progress in one document: never one without the other.
      await this.writeAll([doc]);
      kind.progress?.(ctx, doc.stepsDone, stepDocs.length, result);
    }
    const final = kind.finish(ctx, results);
    doc.result = final;
    doc.stepResults = [];
    doc.status = 'done';
    await this.close(doc, stepDocs);
    return final;
  }

  /** Ends an operation: its document keeps the outcome, its step documents go. */
  private async close(doc: OperationDoc, steps: StepDoc[]): Promise<void> {
    doc.updatedAt = new Date().toISOString();
    await this.writeAll([doc, ...steps.map((s) => ({ _id: s._id, _rev: s._rev, _deleted: true }))]);
  }

  /** Writes documents whose revisions this journal holds; keeps the new revisions on them. */
  private async writeAll(docs: { _id: string; _rev?: string }[]): Promise<void> {
    const results = await this.db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
    results.forEach((r, i) => {
      if ('ok' in r && r.ok) docs[i]!._rev = r.rev;
      else throw new AppError('UNAVAILABLE', `The journal could not save ${docs[i]!._id}: ${(r as Error).message}`);
    });
  }

  private async read<I, R>(id: string): Promise<OperationDoc<I, R> | null> {
    try {
      return await this.db.get<OperationDoc<I, R>>(id);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  private async allOps(): Promise<(OperationDoc & { _rev: string })[]> {
    const res = await this.db.allDocs<OperationDoc>({ startkey: 'op:', endkey: 'op:\uffff', include_docs: true });
    return res.rows.map((r) => r.doc as OperationDoc & { _rev: string });
  }

  /** Keeps the newest finished operations (retries of recent keys still find their result). */
  private async prune(): Promise<void> {
    const finished = (await this.allOps())
      .filter((d) => d.status !== 'running' && (!d.recovered || d.recovered.seen))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const old = finished.slice(KEEP_FINISHED);
    if (old.length > 0) await this.db.bulkDocs(old.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })));
  }

  private kindOf(name: string): AnyKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`No operation kind ${name} is registered.`);
    return kind;
  }
}
