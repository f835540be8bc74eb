/**
 * Backups as the seller uses them: "Back up now", automatic backups every N hours into a
 * folder they pick (the newest `keep` automatic ones are kept), restore onto an empty
 * FlipSync, and "Delete everything". Where and how often live in the local-only database
 * (`_local/`, so a backup never carries another computer's folder along).
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  BackupConfigSchema,
  DELETE_CONFIRMATION,
  type BackupConfig,
  type BackupCounts,
  type BackupFile,
  type BackupStatus,
} from '@shared/api';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/store';
import { databaseCounts, photoCount, type BackupDatabase } from './manifest';
import { restoreBackup } from './restore';
import { markDeletePending, isDeletePending } from './wipe';
import { fileSize, writeBackup } from './write';

const STATE_ID = '_local/backup';
const DEFAULT_CONFIG: BackupConfig = { folder: '', everyHours: 0, keep: 7 };
const AUTO_PREFIX = 'FlipSync-auto-';
/** Timers longer than this overflow; a long wait is re-armed in steps. */
const MAX_WAIT_MS = 60 * 60 * 1000;

interface StateDoc {
  _id: string;
  _rev?: string;
  config: BackupConfig;
  last: BackupFile | null;
  lastError: string | null;
}

export interface BackupDeps {
  dataDir: string;
  appVersion: string;
  databases: Record<BackupDatabase, Database>;
  settings: SettingsStore;
  events: EventBus;
  /** See RestoreTarget.inventoryBulk. */
  inventoryBulk?: <T>(work: () => Promise<T>) => Promise<T>;
  now?: () => Date;
}

const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);

export class BackupService {
  private state: StateDoc = { _id: STATE_ID, config: DEFAULT_CONFIG, last: null, lastError: null };
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<BackupFile> | null = null;
  private closed = false;

  constructor(private readonly deps: BackupDeps) {}

  private get local() {
    return this.deps.databases.local;
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  async start(): Promise<void> {
    const saved = await this.local.get<StateDoc>(STATE_ID).catch(() => null);
    if (saved) this.state = { ...this.state, ...saved, config: { ...DEFAULT_CONFIG, ...saved.config } };
    this.arm();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  folder(): string {
    return this.state.config.folder || path.join(this.deps.dataDir, 'backups');
  }

  async status(): Promise<BackupStatus> {
    return {
      config: this.state.config,
      folder: this.folder(),
      last: this.state.last,
      lastError: this.state.lastError,
      nextAt: this.nextAt()?.toISOString() ?? null,
      deletePending: await isDeletePending(this.deps.dataDir),
    };
  }

  async configure(patch: Partial<BackupConfig>): Promise<BackupStatus> {
    const config = BackupConfigSchema.parse({ ...this.state.config, ...patch });
    if (config.folder && !path.isAbsolute(config.folder)) {
      throw new AppError(
        'INVALID_INPUT',
        `${config.folder} is not a full folder path.`,
        'Pick the folder again, or paste its full path.',
      );
    }
    await this.save({ config });
    this.arm();
    return this.status();
  }

  /** Writes one backup (one at a time: a second request waits for the first and gets its file). */
  backUp(kind: 'manual' | 'auto' = 'manual'): Promise<BackupFile> {
    this.running ??= this.write(kind).finally(() => (this.running = null));
    return this.running;
  }

  restore(file: string): Promise<BackupCounts> {
    const photosDir = path.join(this.deps.dataDir, 'photos');
    const { databases, inventoryBulk, settings } = this.deps;
    return restoreBackup(file, { databases, photosDir, settings, inventoryBulk });
  }

  async deleteEverything(confirm: string): Promise<{ deletePending: boolean }> {
    if (confirm.trim() !== DELETE_CONFIRMATION) {
      throw new AppError('INVALID_INPUT', `Type ${DELETE_CONFIRMATION} to confirm; nothing was deleted.`);
    }
    // Nothing more leaves for the sync server; the data goes before the databases open next time.
    await this.deps.settings.set({ sync: { enabled: false } });
    await markDeletePending(this.deps.dataDir);
    return { deletePending: true };
  }

  private async write(kind: 'manual' | 'auto'): Promise<BackupFile> {
    const folder = this.folder();
    const at = this.now();
    const file = path.join(folder, `${kind === 'auto' ? AUTO_PREFIX : 'FlipSync-backup-'}${stamp(at)}.zip`);
    try {
      await mkdir(folder, { recursive: true });
      const manifest = await writeBackup(
        {
          databases: this.deps.databases,
          photosDir: path.join(this.deps.dataDir, 'photos'),
          settings: await this.deps.settings.get(),
          appVersion: this.deps.appVersion,
          createdAt: at,
        },
        file,
      );
      const result: BackupFile = {
        file,
        bytes: await fileSize(file),
        createdAt: manifest.createdAt,
        counts: { databases: databaseCounts(manifest), photos: photoCount(manifest) },
      };
      await this.save({ last: result, lastError: null });
      if (kind === 'auto') await this.prune(folder);
      return result;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code
        ? `FlipSync could not write a backup to ${folder} (${(error as NodeJS.ErrnoException).code}).`
        : `The backup failed: ${(error as Error).message}`;
      await this.save({ lastError: reason });
      throw new AppError('UNAVAILABLE', reason, 'Check that the backup folder exists, is writable and has free space.');
    } finally {
      this.arm();
    }
  }

  /** Keeps the newest `keep` automatic backups; the seller's own "Back up now" files stay. */
  private async prune(folder: string): Promise<void> {
    const autos = (await readdir(folder)).filter((f) => f.startsWith(AUTO_PREFIX) && f.endsWith('.zip')).sort();
    for (const old of autos.slice(0, Math.max(0, autos.length - this.state.config.keep))) {
      await rm(path.join(folder, old), { force: true });
    }
  }

  private nextAt(): Date | null {
    const hours = this.state.config.everyHours;
    if (!hours) return null;
    const from = this.state.last ? new Date(this.state.last.createdAt) : this.now();
    return new Date(from.getTime() + hours * 3_600_000);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.nextAt();
    if (!next || this.closed) return;
    const wait = Math.max(0, next.getTime() - this.now().getTime());
    this.timer = setTimeout(
      () => {
        if (wait > MAX_WAIT_MS) return this.arm();
        void this.backUp('auto').catch(() => undefined);
      },
      Math.min(wait, MAX_WAIT_MS),
    );
    this.timer.unref?.();
  }

  private async save(change: Partial<StateDoc>): Promise<void> {
    this.state = { ...this.state, ...change };
    const current = await this.local.get<StateDoc>(STATE_ID).catch(() => null);
    const { _rev: _ignored, ...rest } = this.state;
    this.state._rev = (await this.local.put({ ...rest, ...(current ? { _rev: current._rev } : {}) })).rev;
  }
}
