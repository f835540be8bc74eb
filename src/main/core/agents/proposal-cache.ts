/**
 * Every proposal document in memory, read once and then kept current from the agents
 * database's changes feed (this device's writes and synced ones alike). The Approvals page
 * asks for the list and the count on every visit and every decision; with 10,000 proposals a
 * full read took about 0.4 s each time.
 *
 * `all()` answers only once the feed has applied every change the database had when it was
 * called, so a decision made a moment ago is always in the answer.
 */
import { changeFeedOf, seqNumber, type Change, type Following } from '../db/change-feed';
import type { Database } from '../db/open';
import { logger } from '../log';
import { PROPOSAL_RANGE, type ProposalDoc } from './docs';
import { readMany } from '../db/read-many';

const log = logger('agents');
/** Should the feed ever stall, answer a little stale rather than never. */
const SETTLE_MAX_MS = 5000;

export class ProposalCache {
  private docs: Map<string, ProposalDoc> | null = null;
  private loading: Promise<void> | null = null;
  private feed: Following | null = null;
  /** The last change whose document is in `docs`. */
  private applied = 0;
  /** The last change the feed brought, and the proposals it changed still to re-read. */
  private seen = 0;
  private readonly changed = new Set<string>();
  private reading: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly db: Database) {}

  async all(): Promise<ReadonlyMap<string, ProposalDoc>> {
    if (!this.docs) await (this.loading ??= this.load().finally(() => (this.loading = null)));
    await this.settle();
    return this.docs!;
  }

  /** A document this device just wrote: in the answers at once, before its change arrives. */
  wrote(doc: ProposalDoc): void {
    this.docs?.set(doc._id, doc);
  }

  stop(): void {
    this.stopped = true;
    this.feed?.cancel();
  }

  private async load(): Promise<void> {
    // The sequence first: a change made while the documents are read is replayed, never missed.
    const since = seqNumber((await this.db.info()).update_seq);
    const rows = await this.db.allDocs<ProposalDoc>({ ...PROPOSAL_RANGE, include_docs: true });
    const docs = new Map<string, ProposalDoc>();
    for (const r of rows.rows) if (r.doc) docs.set(r.id, r.doc);
    this.docs = docs;
    this.applied = this.seen = since;
    if (this.stopped) return;
    this.feed = changeFeedOf(this.db, 'agents').follow(
      since,
      (change) => this.onChange(change),
      (error) => log.error('the proposals changes feed stopped', error),
    );
  }

  private onChange(change: Change): void {
    this.seen = Math.max(this.seen, change.seq);
    if (change.id.startsWith('proposal:')) this.changed.add(change.id);
    this.reading = this.reading
      .then(() => this.reread())
      .catch((error: unknown) => {
        if (!this.stopped) log.error('could not read changed proposals', error);
      });
  }

  /** Reads the changed proposals as they are now (the latest revision, or gone). */
  private async reread(): Promise<void> {
    const upTo = this.seen;
    const ids = [...this.changed];
    this.changed.clear();
    if (ids.length > 0 && this.docs) {
      for (const { id, doc } of await readMany<ProposalDoc>(this.db, ids)) {
        if (doc) this.docs.set(id, doc);
        else this.docs.delete(id);
      }
    }
    this.applied = Math.max(this.applied, upTo);
  }

  private async settle(): Promise<void> {
    const target = seqNumber((await this.db.info()).update_seq);
    const deadline = Date.now() + SETTLE_MAX_MS;
    while (!this.stopped && this.applied < target) {
      if (Date.now() > deadline) {
        log.warn('the proposals changes feed is behind; answering with what it has applied');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
