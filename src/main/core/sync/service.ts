/**
 * Sync service: turns the `sync` settings and the credentials in the secret store into live
 * replications of the inventory, chat and agents databases, and reports their status.
 * Credentials are read from the secret store when sync starts and handed only to PouchDB's
 * HTTP adapter (as an Authorization header); they never reach a database, status or log.
 */
import { SyncedDatabaseSchema, type SyncStatus, type SyncedDatabase } from '@shared/api/sync';
import type { Settings } from '@shared/api/settings';
import type { PhotoFetcher } from '../inventory/photos/replica';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { CaFileError } from '../net/tls-errors';
import type { TrustedFetches } from '../net/trusted-fetches';
import { deleteBound, originOf, readBound, saveBound } from '../platform/bound-secrets';
import type { Platform } from '../platform/types';
import type { SettingsStore } from '../settings/store';
import { openRemote, type Credentials } from './remote';
import { DbReplication, type SavedProgress } from './replication';
import { logger } from '../log';
import { changeFeedOf, type Following } from '../db/change-feed';

const log = logger('sync');

export const SECRET_USERNAME = 'sync.username';
export const SECRET_PASSWORD = 'sync.password';
const STATE_ID = '_local/sync-state';

export interface SyncTuning {
  /** Docs per replication request; larger batches mean far fewer round trips on first sync. */
  batchSize: number;
  batchesLimit: number;
  maxBackoffMs: number;
  /** Status events are coalesced to at most one per this interval. */
  emitIntervalMs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  batchSize: 500,
  batchesLimit: 10,
  maxBackoffMs: 15_000,
  emitIntervalMs: 250,
};

/**
 * Photos carry their bytes in each document: batches small enough that a replication holds
 * at most some 15 MB of thumbnails (about 15 KB each; PouchDB's own default batches) or a
 * few originals (up to 20 MB each) at a time.
 */
const PHOTO_BATCHES: Partial<Record<SyncedDatabase, Pick<SyncTuning, 'batchSize' | 'batchesLimit'>>> = {
  photos: { batchSize: 100, batchesLimit: 10 },
  originals: { batchSize: 4, batchesLimit: 2 },
};

type Ways = readonly ('push' | 'pull')[];

/** Which ways each database syncs under the seller's photo setting; absent: not at all. */
function waysFor(photoOriginals: PhotoOriginals): Partial<Record<SyncedDatabase, Ways>> {
  const both: Ways = ['push', 'pull'];
  const originals: Ways | undefined =
    photoOriginals === 'all' ? both : photoOriginals === 'on-demand' ? ['push'] : undefined;
  return { inventory: both, chat: both, agents: both, photos: both, ...(originals ? { originals } : {}) };
}

/** What photos need from sync: an original fetched on demand, and the photos already here put in. */
export interface PhotoSyncHooks {
  setFetcher(fetcher: PhotoFetcher | null): void;
  publishAll(): Promise<void>;
  forgetPublished(): void;
}

export interface SyncDeps {
  platform: Platform;
  settings: SettingsStore;
  events: EventBus;
  /** The local-only database (sync progress lives there). */
  local: Database;
  databases: Record<SyncedDatabase, Database>;
  /** The trusted fetch the AI uses too: same roots, OS store, CA file and proxy. */
  trust: TrustedFetches;
}

interface SavedState {
  _id: string;
  _rev?: string;
  url: string;
  dbs: Partial<Record<SyncedDatabase, SavedProgress>>;
}

export interface ConfigureInput {
  url: string;
  username?: string;
  password?: string;
  enabled: boolean;
}

type PhotoOriginals = Settings['sync']['photoOriginals'];

export class SyncService {
  private readonly tuning: SyncTuning;
  private photos: PhotoSyncHooks | null = null;
  private replications: DbReplication[] = [];
  /** What the running replications were started for (server and CA file). */
  private runningKey: string | null = null;
  /** Why sync could not start at all (an unusable CA file), shown as its status. */
  private startProblem: { reason: string; hint: string } | null = null;
  private credentials: Credentials | null = null;
  private feeds: Following[] = [];
  private saved: SavedState = { _id: STATE_ID, url: '', dbs: {} };
  private queue: Promise<unknown> = Promise.resolve();
  private emitTimer: NodeJS.Timeout | null = null;
  private emitPending = false;
  private emitChain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private closed = false;
  /**
   * Whether credentials are saved, for the address they were looked up for: a status call
   * that read the old address must not answer for the new one (a configure can land while
   * its look-up is in flight).
   */
  private credentialsFor: { url: string; saved: boolean; generation: number } | null = null;
  private credentialsGeneration = 0;

  constructor(
    private readonly deps: SyncDeps,
    tuning: Partial<SyncTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  /** Starts sync if the settings say so, and follows later changes to them. */
  async init(): Promise<void> {
    const saved = await this.deps.local.get<SavedState>(STATE_ID).catch(() => null);
    if (saved) this.saved = saved;
    this.unsubscribe = this.deps.events.on('settings.changed', () => {
      // Credentials count only for the server they were saved for, which may have changed.
      this.forgetCredentials();
      void this.reconcile(false).catch(logFailure);
    });
    await this.reconcile(false);
  }

  async configure(input: ConfigureInput): Promise<SyncStatus> {
    const { secrets } = this.deps.platform;
    // Saved for this server only: a later address change does not carry them along.
    for (const [name, value] of [
      [SECRET_USERNAME, input.username],
      [SECRET_PASSWORD, input.password],
    ] as const) {
      if (value === undefined) continue;
      if (value === '') await deleteBound(secrets, name);
      else await saveBound(secrets, name, value, originOf(input.url));
    }
    this.forgetCredentials();
    await this.deps.settings.set({ sync: { url: input.url, enabled: input.enabled } });
    await this.reconcile(true);
    return this.status();
  }

  private forgetCredentials(): void {
    this.credentialsGeneration++;
    this.credentialsFor = null;
  }

  private async credentialsSaved(url: string): Promise<boolean> {
    const cached = this.credentialsFor;
    if (cached && cached.url === url && cached.generation === this.credentialsGeneration) return cached.saved;
    const generation = this.credentialsGeneration;
    const saved = (await this.readCredentials(url)) !== null;
    // Cached only if nothing was saved or forgotten while this look-up ran.
    if (generation === this.credentialsGeneration) this.credentialsFor = { url, saved, generation };
    return saved;
  }

  async start(): Promise<SyncStatus> {
    const { sync } = await this.deps.settings.get();
    if (!sync.url) {
      throw new AppError(
        'BAD_REQUEST',
        'Sync has no server yet.',
        'Enter the CouchDB server address in Settings → Sync.',
      );
    }
    await this.deps.settings.set({ sync: { enabled: true } });
    await this.reconcile(false);
    return this.status();
  }

  async stop(): Promise<SyncStatus> {
    await this.deps.settings.set({ sync: { enabled: false } });
    await this.reconcile(false);
    return this.status();
  }

  async status(): Promise<SyncStatus> {
    const { sync } = await this.deps.settings.get();
    // Cached: status runs several times a second while syncing, the secret store is a file or keychain.
    const hasCredentials = await this.credentialsSaved(sync.url);
    // Only what syncs under the photo setting counts (originals never synced are not "behind").
    const ways = waysFor(sync.photoOriginals);
    const names = SyncedDatabaseSchema.options.filter((name) => ways[name]);
    const databases = await Promise.all(
      names.map(async (name) => {
        const snap = this.replications.find((r) => r.name === name)?.snapshot();
        const progress = snap ?? (this.saved.url === sync.url ? this.saved.dbs[name] : undefined);
        const info = await this.deps.databases[name].info();
        const seq =
          typeof info.update_seq === 'number' ? info.update_seq : Number.parseInt(String(info.update_seq), 10);
        return {
          name,
          state: snap?.state ?? ('off' as const),
          ...(snap?.problem ? { reason: snap.problem.reason } : {}),
          hint: snap?.problem?.hint,
          upToDate: snap?.upToDate ?? false,
          pending: sync.url ? Math.max(0, seq - (progress?.pushedSeq ?? 0)) : 0,
          lastSyncedAt: progress?.lastSyncedAt ?? null,
          docsPushed: snap?.docsPushed ?? 0,
          docsPulled: snap?.docsPulled ?? 0,
        };
      }),
    );
    const running = this.replications.length > 0;
    const worst = (['error', 'paused-offline', 'connecting'] as const).find((s) =>
      databases.some((d) => d.state === s),
    );
    const state = this.startProblem ? 'error' : !running ? 'off' : (worst ?? 'active');
    const cause = this.startProblem ?? databases.find((d) => d.state === state && d.reason);
    const times = databases.map((d) => d.lastSyncedAt);
    return {
      state,
      ...(cause?.reason ? { reason: cause.reason } : {}),
      ...(cause?.hint ? { hint: cause.hint } : {}),
      upToDate: running && databases.every((d) => d.upToDate),
      lastSyncedAt: times.every((t) => t !== null) ? ([...times].sort()[0] ?? null) : null,
      pending: databases.reduce((sum, d) => sum + d.pending, 0),
      url: sync.url,
      hasCredentials,
      databases: databases.map(({ hint: _hint, upToDate: _upToDate, ...d }) => d),
    };
  }

  /**
   * Whether this database is receiving changes from the server right now (its first catch-up,
   * or another device's burst): the stock it shows may be half-merged meanwhile.
   */
  catchingUp(name: SyncedDatabase): boolean {
    return this.replications.find((r) => r.name === name)?.pulling() ?? false;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    await this.enqueue(() => this.halt());
    if (this.emitTimer) clearTimeout(this.emitTimer);
    await this.emitChain;
  }

  /** Brings the running replications in line with the settings; `force` restarts them. */
  private reconcile(force: boolean): Promise<void> {
    return this.enqueue(async () => {
      if (this.closed) return;
      const { sync, ai } = await this.deps.settings.get();
      const want = sync.enabled && sync.url ? `${sync.url}\n${ai.caFile}\n${sync.photoOriginals}` : null;
      if (!force && want === this.runningKey) return;
      await this.halt();
      if (want) await this.begin(sync.url, ai.caFile, sync.photoOriginals);
      this.scheduleEmit();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async begin(url: string, caFile: string, photoOriginals: PhotoOriginals): Promise<void> {
    this.runningKey = `${url}\n${caFile}\n${photoOriginals}`;
    let proxy: string | null;
    try {
      proxy = (await this.deps.trust.get(caFile)).proxy;
    } catch (error) {
      if (!(error instanceof CaFileError)) throw error;
      this.startProblem = { reason: error.message, hint: error.hint ?? '' };
      return;
    }
    const trustedFetch = this.deps.trust.fetchFor(caFile);
    this.credentials = await this.readCredentials(url);
    if (this.saved.url !== url) this.saved = { ...this.saved, url, dbs: {} };
    const onChange = () => this.scheduleEmit();
    const ways = waysFor(photoOriginals);
    for (const name of SyncedDatabaseSchema.options) {
      const directions = ways[name];
      if (!directions) continue;
      const local = this.deps.databases[name];
      // Each live feed keeps a transient 'destroyed' listener per in-flight read; two
      // replications and our own feed on one database pass Node's default warning level.
      local.setMaxListeners(50);
      const remote = openRemote(url, name, this.credentials, trustedFetch);
      const progress = this.saved.dbs[name] ?? { pushedSeq: 0, lastSyncedAt: null };
      const replication = new DbReplication(
        name,
        local,
        remote,
        { ...this.tuning, ...PHOTO_BATCHES[name], credentials: this.credentials, proxy, onChange, directions },
        progress,
      );
      this.replications.push(replication);
      replication.start();
      // Local writes change the pending count even while the server is unreachable.
      this.feeds.push(changeFeedOf(local, name).follow('now', onChange, () => undefined));
    }
    if (this.photos) {
      const credentials = this.credentials;
      this.photos.setFetcher(
        photoOriginals === 'never'
          ? null
          : (name, id) => fetchOne(openRemote(url, name, credentials, trustedFetch), this.deps.databases[name], id),
      );
      void this.photos.publishAll();
    }
  }

  /** Photos take part in sync from now on (core attaches them once they are open). */
  attachPhotos(hooks: PhotoSyncHooks): void {
    this.photos = hooks;
    if (this.replications.length) {
      void this.reconcile(true).catch(logFailure);
    }
  }

  /** The credentials saved for this server; none when they were saved for another one. */
  private async readCredentials(url: string): Promise<Credentials | null> {
    const { secrets } = this.deps.platform;
    const origin = originOf(url);
    if (!origin) return null;
    const username = await readBound(secrets, SECRET_USERNAME, origin);
    const password = await readBound(secrets, SECRET_PASSWORD, origin);
    // Both for this server, or none: a new username must not go out with an old server's password
    // missing (sent as empty), nor a new password with no username.
    if (!username.value || (password.boundTo !== null && password.value === null)) return null;
    return { username: username.value, password: password.value ?? '' };
  }

  private async halt(): Promise<void> {
    this.photos?.setFetcher(null);
    this.photos?.forgetPublished();
    for (const feed of this.feeds) feed.cancel();
    this.feeds = [];
    const stopping = this.replications;
    this.replications = [];
    this.runningKey = null;
    this.startProblem = null;
    this.credentials = null;
    await Promise.all(stopping.map((r) => r.stop()));
    if (stopping.length) await this.saveProgress(stopping);
  }

  /** Emits at once, then at most once per interval (the last state always gets out). */
  private scheduleEmit(): void {
    if (this.closed) return;
    if (this.emitTimer) {
      this.emitPending = true;
      return;
    }
    // Chained, so statuses computed concurrently still go out in order.
    this.emitChain = this.emitChain.then(() => this.emitNow()).catch(logFailure);
    this.emitTimer = setTimeout(() => {
      this.emitTimer = null;
      if (this.emitPending) {
        this.emitPending = false;
        this.scheduleEmit();
      }
    }, this.tuning.emitIntervalMs);
  }

  private async emitNow(): Promise<void> {
    if (this.closed) return;
    const status = await this.status();
    this.deps.events.emit('sync.status', status);
    if (this.replications.length) await this.saveProgress(this.replications);
  }

  private async saveProgress(replications: DbReplication[]): Promise<void> {
    for (const r of replications) this.saved.dbs[r.name] = r.savedProgress();
    try {
      const { rev } = await this.deps.local.put(this.saved);
      this.saved._rev = rev;
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
      const current = await this.deps.local.get<SavedState>(STATE_ID);
      this.saved._rev = current._rev;
      this.saved._rev = (await this.deps.local.put(this.saved)).rev;
    }
  }
}

/** Copies one document, with its attachments and history, from the server into `local`. */
async function fetchOne(remote: PouchDB.Database, local: Database, id: string): Promise<boolean> {
  try {
    const doc = await remote.get(id, { revs: true, attachments: true });
    await local.bulkDocs([doc], { new_edits: false });
    return true;
  } catch (error) {
    if ((error as { status?: number }).status !== 404)
      log.warn(`fetching ${id.slice(0, 12)}… from the server failed`, error);
    return false;
  } finally {
    await remote.close().catch(() => undefined);
  }
}

function logFailure(error: unknown) {
  // Credentials are taken out by the log's own rule (the secret store made them known to it).
  log.error(error instanceof AppError ? error.message : 'sync failed', error);
}
