/**
 * Calls made to each eBay API today (eBay's day is UTC), kept in the local-only database so
 * the seller sees how much of the keyset's daily limits this install used.
 */
import type { EbayApiName } from '@shared/api';
import type { Database } from '../../db/open';
import { logger } from '../../log';

const log = logger('ebay');

/** Daily limits per application keyset (ebay-api.md; Identity's is not published: assumed like Trading's). */
export const DAILY_LIMITS: Record<EbayApiName, number> = {
  inventory: 2_000_000,
  fulfillment: 100_000,
  browse: 5_000,
  taxonomy: 5_000,
  trading: 5_000,
  identity: 5_000,
  finances: 15_000,
  account: 25_000,
  // Neither is published: Metadata assumed like Taxonomy; Media limits uploads per user (50 per 5 s).
  metadata: 5_000,
  media: 100_000,
  oauth: 50_000,
};

type UsageDoc = { _id: string; _rev?: string; day: string; calls: Partial<Record<EbayApiName, number>> };
const today = () => new Date().toISOString().slice(0, 10);

export class UsageCounter {
  private day = today();
  private pending: Partial<Record<EbayApiName, number>> = {};
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly db: Database) {}

  /** Writes what is counted; a call that ends after this (one still in flight) is not counted. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  count(api: EbayApiName): void {
    if (this.closed) return;
    if (this.day !== today()) void this.flush();
    this.pending[api] = (this.pending[api] ?? 0) + 1;
    // Written in batches: an import makes thousands of calls.
    this.timer ??= setTimeout(() => void this.flush(), 1000);
  }

  async today(): Promise<{ api: EbayApiName; calls: number; limit: number }[]> {
    await this.flush();
    const doc = await this.read(today());
    return (Object.keys(DAILY_LIMITS) as EbayApiName[]).map((api) => ({
      api,
      calls: doc?.calls[api] ?? 0,
      limit: DAILY_LIMITS[api],
    }));
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const add = this.pending;
    const day = this.day;
    this.pending = {};
    this.day = today();
    if (Object.keys(add).length === 0) return this.writing;
    this.writing = this.writing
      .then(async () => {
        const doc = (await this.read(day)) ?? { _id: `ebay-usage:${day}`, day, calls: {} };
        for (const [api, n] of Object.entries(add) as [EbayApiName, number][])
          doc.calls[api] = (doc.calls[api] ?? 0) + n;
        await this.db.put(doc);
      })
      .catch((error: unknown) => {
        // A count is not worth a crash: the next flush starts from what is stored.
        log.warn('could not save the eBay call counts', error);
      });
    return this.writing;
  }

  private async read(day: string): Promise<UsageDoc | null> {
    try {
      return await this.db.get<UsageDoc>(`ebay-usage:${day}`);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }
}
