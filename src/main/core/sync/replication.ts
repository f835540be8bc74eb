/**
 * Live two-way sync of one local database with its remote twin: a push and a pull
 * replication (not PouchDB's `sync`, whose 'paused' event drops the error that tells
 * "caught up" from "offline"). Each direction's state comes only from its own events.
 */
import type { SyncedDatabase, SyncState } from '@shared/api/sync';
import type { Database } from '../db/open';
import { describeSyncError, type SyncProblem } from './errors';

/** The server's host:port, from the remote database's address. */
const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : 'the sync server');
import type { Credentials } from './remote';
import { logger } from '../log';

const log = logger('sync');

export interface ReplicationOptions {
  batchSize: number;
  batchesLimit: number;
  /** The longest wait between retries while the server is unreachable. */
  maxBackoffMs: number;
  credentials: Credentials | null;
  /** The proxy requests go through (as shown to the seller), or null. */
  proxy: string | null;
  /** Called after anything that may change the status. */
  onChange(): void;
  /** Which ways this database syncs (originals on demand only go up); both when not given. */
  directions?: readonly Direction[];
}

/** What survives a restart of the app (kept in the local-only database). */
export interface SavedProgress {
  pushedSeq: number;
  lastSyncedAt: string | null;
}

type Direction = 'push' | 'pull';
interface DirectionState {
  state: Exclude<SyncState, 'off'>;
  problem: SyncProblem | null;
  upToDate: boolean;
  docs: number;
  handle: PouchDB.Replication.Replication<object> | null;
  retryTimer: NodeJS.Timeout | null;
}

export interface ReplicationSnapshot extends SavedProgress {
  name: SyncedDatabase;
  state: Exclude<SyncState, 'off'>;
  problem: SyncProblem | null;
  upToDate: boolean;
  docsPushed: number;
  docsPulled: number;
}

const seqNumber = (seq: unknown) => (typeof seq === 'number' ? seq : Number.parseInt(String(seq), 10) || 0);

export class DbReplication {
  private readonly dirs: Record<Direction, DirectionState>;
  private stopped = false;

  constructor(
    readonly name: SyncedDatabase,
    private readonly local: Database,
    private readonly remote: Database,
    private readonly opts: ReplicationOptions,
    private progress: SavedProgress,
  ) {
    const fresh = (): DirectionState => ({
      state: 'connecting',
      problem: null,
      upToDate: false,
      docs: 0,
      handle: null,
      retryTimer: null,
    });
    this.dirs = { push: fresh(), pull: fresh() };
    // A direction this database does not sync counts as caught up.
    for (const direction of ['push', 'pull'] as const) {
      if (!this.ways.includes(direction)) Object.assign(this.dirs[direction], { state: 'active', upToDate: true });
    }
  }

  /**
   * Catches up one direction at a time with one-shot replications, then goes live both ways.
   * Live push and pull side by side make the pull re-read every doc the push just wrote
   * (and ask the server about each batch) while the push is still sending: on a first sync
   * that echo competes with the push. One-shot and live replications share checkpoints, so
   * the live ones start where the catch-up ended. Any catch-up failure goes straight to the
   * live replications, whose retries handle being offline.
   */
  start(): void {
    void (async () => {
      for (const direction of (['pull', 'push'] as const).filter((d) => this.ways.includes(d))) {
        if (this.stopped || !(await this.run(direction, false))) break;
      }
      for (const direction of this.ways) void this.run(direction, true);
    })();
  }

  private get ways(): readonly Direction[] {
    return this.opts.directions ?? ['push', 'pull'];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const waits: Promise<unknown>[] = [];
    for (const dir of Object.values(this.dirs)) {
      if (dir.retryTimer) clearTimeout(dir.retryTimer);
      if (dir.handle) {
        const handle = dir.handle;
        waits.push(new Promise((resolve) => handle.on('complete', resolve).on('error', resolve)));
        handle.cancel();
      }
      dir.handle = null;
    }
    // A cancelled replication finishes its in-flight request first; don't wait forever on it.
    await Promise.race([Promise.all(waits), new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.remote.close().catch(() => undefined);
  }

  snapshot(): ReplicationSnapshot {
    const { push, pull } = this.dirs;
    const problem =
      [push.problem, pull.problem].find((p) => p?.state === 'error') ?? push.problem ?? pull.problem ?? null;
    const state =
      problem?.state ?? (push.state === 'connecting' || pull.state === 'connecting' ? 'connecting' : 'active');
    return {
      name: this.name,
      state,
      problem,
      upToDate: !problem && push.upToDate && pull.upToDate,
      docsPushed: push.docs,
      docsPulled: pull.docs,
      ...this.progress,
    };
  }

  /**
   * Whether changes from the server are on their way in now: the pull is connecting or
   * fetching and not caught up (false while the server cannot be reached: nothing is coming).
   */
  pulling(): boolean {
    if (!this.ways.includes('pull')) return false;
    const { state, upToDate } = this.dirs.pull;
    return state === 'connecting' || (state === 'active' && !upToDate);
  }

  savedProgress(): SavedProgress {
    return { ...this.progress };
  }

  /** Runs one direction; one-shot runs resolve true when they completed without error. */
  private run(direction: Direction, live: boolean): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    const dir = this.dirs[direction];
    const [source, target] = direction === 'push' ? [this.local, this.remote] : [this.remote, this.local];
    const maxBackoff = this.opts.maxBackoffMs;
    const handle = source.replicate.to(target, {
      ...(live ? { live: true, retry: true } : {}),
      batch_size: this.opts.batchSize,
      batches_limit: this.opts.batchesLimit,
      back_off_function: (delay: number) => (delay > 0 ? Math.min(maxBackoff, delay * 2) : Math.min(250, maxBackoff)),
    });
    dir.handle = handle;
    const changed = () => this.opts.onChange();
    const settled = () => {
      Object.assign(dir, { state: 'active', problem: null, upToDate: true });
      void this.caughtUp(direction).finally(changed);
    };
    const failed = (error: unknown) => {
      const before = dir.problem;
      dir.problem = describeSyncError(error, this.opts.credentials, hostOf(this.remote.name), this.opts.proxy);
      // Once per new problem, not on every retry while the server stays away.
      if (before?.reason !== dir.problem.reason) {
        log.warn(`${this.name} ${direction}: ${dir.problem.reason}`, error, { state: dir.problem.state });
      }
      dir.state = dir.problem.state;
      dir.upToDate = false;
      changed();
    };
    return new Promise<boolean>((resolve) => {
      handle
        .on('active', () => {
          Object.assign(dir, { state: 'active', problem: null, upToDate: false });
          changed();
        })
        .on('change', (info) => {
          Object.assign(dir, { state: 'active', problem: null, docs: dir.docs + info.docs.length });
          if (direction === 'push') this.progress.pushedSeq = seqNumber(info.last_seq);
          changed();
        })
        .on('paused', (error?: unknown) => (error ? failed(error) : settled()))
        .on('denied', (error: unknown) => {
          log.warn(`the server refused a change in ${this.name}`, describeSyncError(error, null).reason);
        })
        .on('complete', (info) => {
          if (dir.handle === handle) dir.handle = null;
          const ok = !live && !this.stopped && (info as { status?: string }).status === 'complete';
          if (ok) settled();
          resolve(ok);
        })
        .on('error', (error: unknown) => {
          resolve(false);
          if (dir.handle !== handle) return;
          dir.handle = null;
          failed(error);
          // Only what retrying can fix is retried; a wrong password waits for new settings.
          if (live && dir.problem?.state === 'paused-offline' && !this.stopped) {
            dir.retryTimer = setTimeout(() => void this.run(direction, true), maxBackoff);
          }
        });
    });
  }

  private async caughtUp(direction: Direction): Promise<void> {
    if (direction === 'push') {
      // Caught up: everything written locally up to now has reached the server.
      const info = await this.local.info().catch(() => null);
      if (info) this.progress.pushedSeq = Math.max(this.progress.pushedSeq, seqNumber(info.update_seq));
    }
    if (this.dirs.push.upToDate && this.dirs.pull.upToDate) this.progress.lastSyncedAt = new Date().toISOString();
  }
}
