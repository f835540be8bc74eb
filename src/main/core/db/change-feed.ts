/**
 * One live changes feed per database, shared by everything in core that follows it.
 *
 * PouchDB's LevelDB adapter reads every change's metadata again for every live feed open on
 * the database: with the index, the sales ledger and the conflict resolver each on their own
 * feed, an import of 2,000 listings made 16,700 LevelDB reads where the writes needed 4,000.
 * Here the database is read once per change and the change handed to every follower.
 *
 * `changeFeedOf(db).follow(since, …)` behaves like `db.changes({ since, live: true })`: the
 * follower first gets the changes after `since` (read for it alone), then every later one,
 * none missed in between; a document changed meanwhile may arrive twice, so followers are
 * idempotent. The shared feed runs while anyone follows it: followers cancel before the
 * database closes, and the last one to go stops it.
 */
import type { Database } from './open';
import { logger } from '../log';

const log = logger('db');
const CATCH_UP_BATCH = 1000;

export interface Change {
  id: string;
  seq: number;
  rev: string;
  deleted: boolean;
}

export interface Following {
  cancel(): void;
}

export const seqNumber = (seq: string | number): number =>
  typeof seq === 'number' ? seq : Number.parseInt(seq, 10) || 0;

const toChange = (r: PouchDB.Core.ChangesResponseChange<object>): Change => ({
  id: r.id,
  seq: seqNumber(r.seq),
  rev: r.changes[0]?.rev ?? '',
  deleted: r.deleted === true,
});

const shared = new WeakMap<Database, ChangeFeed>();

/** The one feed of this database (`name` says which, in the log). */
export function changeFeedOf(db: Database, name: string): ChangeFeed {
  let feed = shared.get(db);
  if (!feed) {
    feed = new ChangeFeed(db, name);
    shared.set(db, feed);
  }
  return feed;
}

export class ChangeFeed {
  private live: PouchDB.Core.Changes<object> | null = null;
  /** The sequence the shared live feed starts after, once it runs. */
  private started: Promise<number> | null = null;
  /** Bumped when the live feed stops, so a start still under way knows it is not wanted. */
  private generation = 0;
  private readonly listeners = new Set<(change: Change) => void>();

  constructor(
    private readonly db: Database,
    private readonly name: string,
  ) {}

  follow(
    since: number | string | 'now',
    onChange: (change: Change) => void,
    onError?: (error: unknown) => void,
  ): Following {
    let cancelled = false;
    /** Null while catching up: live changes wait in `held` meanwhile. */
    let caughtUpTo: number | null = null;
    const held: Change[] = [];
    const listener = (change: Change) => {
      if (cancelled) return;
      if (caughtUpTo === null) held.push(change);
      else if (change.seq > caughtUpTo) onChange(change);
    };
    this.listeners.add(listener);
    const liveFrom = this.startLive();
    void (async () => {
      let at = since === 'now' ? seqNumber((await this.db.info()).update_seq) : seqNumber(since);
      const from = await liveFrom;
      // Everything up to where the shared feed starts is read here; reading on past it is
      // harmless (those changes are skipped below when the feed brings them too).
      while (at < from && !cancelled) {
        const batch = await this.db.changes({ since: at, limit: CATCH_UP_BATCH });
        for (const r of batch.results) if (!cancelled) onChange(toChange(r));
        at = Math.max(at, seqNumber(batch.last_seq));
        if (batch.results.length < CATCH_UP_BATCH) break;
      }
      caughtUpTo = at;
      for (const change of held.splice(0)) if (!cancelled && change.seq > at) onChange(change);
    })().catch((error: unknown) => {
      if (cancelled) return;
      if (onError) onError(error);
      else log.error(`could not read the ${this.name} changes`, error);
    });
    return {
      cancel: () => {
        cancelled = true;
        this.listeners.delete(listener);
        if (this.listeners.size === 0) this.stopLive();
      },
    };
  }

  private stopLive(): void {
    this.generation++;
    this.started = null;
    this.live?.cancel();
    this.live = null;
  }

  private startLive(): Promise<number> {
    if (this.started) return this.started;
    const generation = this.generation;
    this.started = this.db.info().then((info) => {
      const from = seqNumber(info.update_seq);
      if (generation !== this.generation) return from;
      this.live = this.db
        .changes({ since: from, live: true, return_docs: false })
        .on('change', (r) => {
          const change = toChange(r);
          for (const listener of [...this.listeners]) listener(change);
        })
        .on('error', (error) => {
          if (generation === this.generation) log.error(`the ${this.name} changes feed stopped`, error);
        });
      return from;
    });
    return this.started;
  }
}
