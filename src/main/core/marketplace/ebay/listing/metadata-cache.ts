/**
 * eBay's category data (a leaf's item specifics, the conditions it allows) kept in the
 * local-only database: it changes rarely, a preflight reads it for every check, and a publish
 * asked offline must still pass preflight. Read again from eBay after a week, or at once when
 * eBay refused a listing over it; while eBay cannot be reached, what was kept is used.
 */
import type { Database } from '../../../db/open';
import { EbayError } from '../errors';

const FRESH_MS = 7 * 86_400_000;
const ID = (key: string) => `ebay-meta:${key}`;

interface MetaDoc<T> {
  _id: string;
  _rev?: string;
  at: number;
  value: T;
}

/** Failures that say nothing about the data: eBay was not reached, or stumbled. */
const unreachable = (error: unknown) =>
  error instanceof EbayError && ['network', 'server', 'rate'].includes(error.kind);

export class MetadataCache {
  private readonly memory = new Map<string, Promise<unknown>>();

  constructor(
    private readonly local: Database,
    private readonly now: () => number = Date.now,
  ) {}

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let found = this.memory.get(key) as Promise<T> | undefined;
    if (!found) {
      found = this.load(key, read);
      found.catch(() => this.memory.delete(key));
      this.memory.set(key, found);
    }
    return found;
  }

  /** eBay refused what this said: read it from eBay next time. */
  async forget(key: string): Promise<void> {
    this.memory.delete(key);
    const doc = await this.local.get(ID(key)).catch(() => null);
    if (doc) await this.local.remove(doc).catch(() => undefined);
  }

  private async load<T>(key: string, read: () => Promise<T>): Promise<T> {
    const kept = await this.local.get<MetaDoc<T>>(ID(key)).catch(() => null);
    if (kept && this.now() - kept.at < FRESH_MS) return kept.value;
    try {
      const value = await read();
      await this.local
        .put({ _id: ID(key), ...(kept ? { _rev: kept._rev } : {}), at: this.now(), value })
        .catch(() => undefined); // kept or not, the answer stands
      return value;
    } catch (error) {
      if (kept && unreachable(error)) return kept.value;
      throw error;
    }
  }
}
