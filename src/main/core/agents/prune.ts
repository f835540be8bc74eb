/**
 * Removes agent history older than Settings → Inventory → "Keep agent history": finished runs
 * with their steps, and proposals decided for good (applied, failed, rejected). A running run,
 * a waiting proposal or one caught between approval and apply is never touched.
 *
 * What the dashboard counts survives as one small fact per removed document, saved in a
 * `pruned:<ulid>` document BEFORE the removals. Facts are keyed by the removed document's id,
 * so a prune cut short (crash after the facts, before the deletes) or the same history pruned
 * on two synced devices is still counted once. Removals are deletions (tombstones), so they
 * replicate like any edit and auto-compaction reclaims the bodies; nothing is purged behind
 * the back of sync.
 */
import { monotonicFactory } from 'ulid';
import type { Database } from '../db/open';
import { logger } from '../log';
import type { SettingsStore } from '../settings/store';
import { PROPOSAL_RANGE, RUN_RANGE, stepRange, type ProposalDoc, type RunDoc } from './docs';

const log = logger('agents');
const nextUlid = monotonicFactory();
const DAY_MS = 86_400_000;
/** Once a day is plenty: the history only matters at the scale of months. */
const EVERY_MS = DAY_MS;
/** The first pass waits a minute, so it never competes with the app opening. */
const FIRST_MS = 60_000;
const FINAL = new Set(['applied', 'failed', 'rejected']);

export const PRUNED_RANGE = { startkey: 'pruned:', endkey: 'pruned:\uffff' };

export interface PrunedDoc {
  _id: string;
  _rev?: string;
  type: 'pruned';
  at: string;
  /** By removed run id: the day it started and how it ended. */
  runs: Record<string, { day: string; outcome: RunDoc['outcome'] }>;
  /** By removed proposal id: the day it was made, how it was decided, and its item. */
  proposals: Record<string, { day: string; state: 'approved' | 'rejected'; itemId: string }>;
}

export interface PruneResult {
  runs: number;
  steps: number;
  proposals: number;
}

export class HistoryPruner {
  private first: NodeJS.Timeout | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PruneResult> | null = null;

  constructor(
    private readonly db: Database,
    private readonly settings: SettingsStore,
    private readonly now: () => Date = () => new Date(),
    private readonly batch = 250,
  ) {}

  /** Prunes in the background: a minute after start, then once a day. */
  start(): void {
    const background = () =>
      void this.prune().catch((error: unknown) => log.error('old agent history could not be pruned', error));
    this.first = setTimeout(() => {
      background();
      this.timer = setInterval(background, EVERY_MS);
      this.timer.unref?.();
    }, FIRST_MS);
    this.first.unref?.();
  }

  stop(): Promise<unknown> {
    if (this.first) clearTimeout(this.first);
    if (this.timer) clearInterval(this.timer);
    this.first = this.timer = null;
    return this.running?.catch(() => undefined) ?? Promise.resolve();
  }

  /** One pass; a pass already under way is joined, not doubled. */
  prune(): Promise<PruneResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(): Promise<PruneResult> {
    const days = (await this.settings.get()).inventory.agentHistoryDays;
    const cutoff = new Date(this.now().getTime() - days * DAY_MS).toISOString();
    const [runRows, proposalRows] = await Promise.all([
      this.db.allDocs<RunDoc>({ ...RUN_RANGE, include_docs: true }),
      this.db.allDocs<ProposalDoc>({ ...PROPOSAL_RANGE, include_docs: true }),
    ]);
    const runs = runRows.rows.flatMap((r) =>
      r.doc && r.doc.outcome !== 'running' && r.doc.finishedAt && r.doc.finishedAt < cutoff ? [r.doc] : [],
    );
    const proposals = proposalRows.rows.flatMap((r) =>
      r.doc && FINAL.has(r.doc.status) && r.doc.resolvedAt && r.doc.resolvedAt < cutoff ? [r.doc] : [],
    );
    const result: PruneResult = { runs: 0, steps: 0, proposals: 0 };
    for (let i = 0; i < runs.length; i += this.batch) {
      const part = runs.slice(i, i + this.batch);
      await this.record(
        Object.fromEntries(part.map((d) => [d._id, { day: d.startedAt.slice(0, 10), outcome: d.outcome }])),
        {},
      );
      for (const run of part) {
        const steps = await this.db.allDocs(stepRange(run._id));
        result.steps += await this.remove(steps.rows.map((s) => ({ _id: s.id, _rev: s.value.rev })));
      }
      result.runs += await this.remove(part);
    }
    for (let i = 0; i < proposals.length; i += this.batch) {
      const part = proposals.slice(i, i + this.batch);
      await this.record(
        {},
        Object.fromEntries(
          part.map((d) => [
            d._id,
            {
              day: d.createdAt.slice(0, 10),
              state: d.status === 'rejected' ? 'rejected' : 'approved',
              itemId: d.itemId,
            },
          ]),
        ),
      );
      result.proposals += await this.remove(part);
    }
    if (result.runs + result.proposals > 0) log.info('pruned old agent history', { days, ...result });
    return result;
  }

  private async record(runs: PrunedDoc['runs'], proposals: PrunedDoc['proposals']): Promise<void> {
    const doc: PrunedDoc = {
      _id: `pruned:${nextUlid()}`,
      type: 'pruned',
      at: this.now().toISOString(),
      runs,
      proposals,
    };
    await this.db.put(doc);
  }

  /** Deletes what is still at the revision read; one changed meanwhile waits for the next pass. */
  private async remove(docs: { _id: string; _rev?: string }[]): Promise<number> {
    if (docs.length === 0) return 0;
    const out = await this.db.bulkDocs(docs.map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true })));
    return out.filter((r) => 'ok' in r && r.ok).length;
  }
}
