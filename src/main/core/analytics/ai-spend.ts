/**
 * AI spend per day, from the usage documents the AI ledger writes (src/main/core/ai/usage.ts).
 * Usage documents are append-only with time-sorted ids, so after the first read only the
 * documents after the last one seen are read. Today's spend against the budget comes from
 * the AI service itself, which is what the budget gate uses.
 */
import type { Database } from '../db/open';
import type { UsageDoc } from '../ai/usage';
import { logger } from '../log';
import { changeFeedOf, type Following } from '../db/change-feed';

const log = logger('analytics');

export interface DaySpend {
  spentUsd: number;
  calls: number;
}

const BATCH = 10_000;

export class AiSpend {
  private readonly days = new Map<string, DaySpend>();
  private lastId = 'usage:';
  private reading: Promise<void> | null = null;
  private stale = true;
  private readonly feed: Following;
  private stopped = false;

  constructor(
    private readonly db: Database,
    onChange: () => void,
  ) {
    this.feed = changeFeedOf(db, 'local').follow(
      'now',
      (change) => {
        if (!change.id.startsWith('usage:')) return;
        this.stale = true;
        onChange();
      },
      (error) => {
        if (!this.stopped) log.error('the usage changes feed stopped', error);
      },
    );
  }

  /** Spend per local day (as the ledger records days). */
  async byDay(): Promise<ReadonlyMap<string, DaySpend>> {
    while (this.stale || this.reading) {
      if (this.reading) {
        await this.reading;
        continue;
      }
      this.stale = false;
      this.reading = this.readNew()
        .catch((error: unknown) => {
          this.stale = true;
          throw error;
        })
        .finally(() => (this.reading = null));
    }
    return this.days;
  }

  stop(): void {
    this.stopped = true;
    this.feed.cancel();
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const page = await this.db.allDocs<UsageDoc>({
        startkey: this.lastId,
        endkey: 'usage:\uffff',
        include_docs: true,
        limit: BATCH,
        skip: this.lastId === 'usage:' ? 0 : 1,
      });
      for (const row of page.rows) {
        const doc = row.doc;
        this.lastId = row.id;
        if (doc?.type !== 'usage') continue;
        const day = this.days.get(doc.day) ?? { spentUsd: 0, calls: 0 };
        day.calls++;
        day.spentUsd += doc.costUsd ?? 0;
        this.days.set(doc.day, day);
      }
      if (page.rows.length < BATCH) return;
    }
  }
}
