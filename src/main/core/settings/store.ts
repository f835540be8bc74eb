import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '@shared/api';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import { logger } from '../log';

const log = logger('settings');

const DOC_ID = 'settings';
type SettingsDoc = { _id: string; _rev?: string; settings: unknown };

/**
 * Settings live in one document of the local-only database. Reads merge what was saved
 * over the defaults, section by section, so a FlipSync that adds a setting still reads an
 * older file, and a section that no longer parses falls back to its defaults (logged)
 * instead of taking the whole app down.
 */
export class SettingsStore {
  /** Writes run one at a time so two quick saves never race on the same revision. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * The settings as last read or written. The settings live in the local-only database and
   * this store is their only writer, so the copy cannot go stale; hot paths (every eBay or AI
   * request) read it without a database round trip.
   */
  private current: Promise<Settings> | null = null;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  get(): Promise<Settings> {
    this.current ??= this.read().then((doc) => mergeOverDefaults(doc?.settings));
    // A failed read is not remembered: the next call reads again.
    this.current.catch(() => (this.current = null));
    // Each caller gets its own copy: one that edits what it got must not change the next one's.
    return this.current.then((settings) => structuredClone(settings));
  }

  set(patch: SettingsPatch): Promise<Settings> {
    const run = this.queue.then(() => this.write(patch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Puts whole settings in place of the saved ones (a restore); same queue, same event. */
  replace(settings: Settings): Promise<Settings> {
    const run = this.queue.then(() => this.writeWhole(SettingsSchema.parse(settings)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(patch: SettingsPatch): Promise<Settings> {
    const doc = await this.read();
    const current = mergeOverDefaults(doc?.settings);
    const merged: Record<string, unknown> = {};
    for (const key of Object.keys(current) as (keyof Settings)[]) {
      merged[key] = { ...current[key], ...patch[key] };
    }
    return this.writeWhole(SettingsSchema.parse(merged), doc);
  }

  private async writeWhole(next: Settings, doc?: SettingsDoc | null): Promise<Settings> {
    const rev = (doc === undefined ? await this.read() : doc)?._rev;
    await this.db.put<SettingsDoc>({ _id: DOC_ID, _rev: rev, settings: next });
    this.current = Promise.resolve(next);
    this.events.emit('settings.changed', next);
    return next;
  }

  private async read(): Promise<SettingsDoc | null> {
    try {
      return await this.db.get<SettingsDoc>(DOC_ID);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }
}

function mergeOverDefaults(saved: unknown): Settings {
  const result = structuredClone(DEFAULT_SETTINGS);
  if (!saved || typeof saved !== 'object') return result;
  for (const key of Object.keys(result) as (keyof Settings)[]) {
    const section = SettingsSchema.shape[key];
    const merged = { ...result[key], ...((saved as Record<string, object>)[key] ?? {}) };
    const parsed = section.safeParse(merged);
    if (parsed.success) {
      (result as Record<string, unknown>)[key] = parsed.data;
    } else {
      log.warn(`saved "${key}" settings are invalid; using defaults for that section.`);
    }
  }
  return result;
}
