/**
 * Every AI call leaves a `usage:<ulid>` document in the local database: tokens as the API
 * reported them, the cost from the price table, and who made the call. The id sorts by
 * time, so "today" is one key-range read, not a scan.
 */
import { encodeTime, monotonicFactory } from 'ulid';
import type { Database } from '../db/open';

export interface Who {
  conversationId?: string;
  runId?: string;
  /** What the call was for when no conversation or run made it, e.g. "test-connection". */
  purpose?: string;
}

export interface UsageDoc {
  _id: string;
  type: 'usage';
  at: string;
  /** The seller's local calendar day, YYYY-MM-DD. */
  day: string;
  model: string;
  preset: string;
  host: string;
  who: Who;
  streamed: boolean;
  outcome: 'ok' | 'cancelled' | 'error';
  /** False when the provider reported no token counts (counts are then 0, cost unknown). */
  usageReported: boolean;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** null: no price for this model in the table; the cost is unknown, not zero. */
  costUsd: number | null;
}

export type UsageEntry = Omit<UsageDoc, '_id' | 'type' | 'at' | 'day'>;

export interface DaySummary {
  day: string;
  spentUsd: number;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  unpricedCalls: number;
  unpricedModels: string[];
}

export const localDay = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

export class UsageLedger {
  private readonly nextId = monotonicFactory();
  /**
   * Today's totals, read from the database once per day and then kept current by `record`:
   * every call checks the budget, and re-reading a busy day's documents each time adds up.
   * Safe because usage lives in the local-only database and only this ledger writes it.
   */
  private cache: { day: string; summary: Promise<DaySummary> } | null = null;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: UsageEntry): Promise<UsageDoc> {
    const at = this.now();
    const doc: UsageDoc = {
      _id: `usage:${this.nextId(at.getTime())}`,
      type: 'usage',
      at: at.toISOString(),
      day: localDay(at),
      ...entry,
    };
    await this.db.put(doc);
    if (this.cache?.day === doc.day) this.cache.summary = this.cache.summary.then((s) => add(s, doc));
    return doc;
  }

  async today(): Promise<DaySummary> {
    const day = localDay(this.now());
    if (this.cache?.day !== day) {
      const summary = this.read();
      this.cache = { day, summary };
      summary.catch(() => {
        if (this.cache?.summary === summary) this.cache = null;
      });
    }
    const summary = await this.cache.summary;
    return { ...summary, unpricedModels: [...summary.unpricedModels] };
  }

  private async read(): Promise<DaySummary> {
    const now = this.now();
    const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime();
    const result = await this.db.allDocs<UsageDoc>({
      startkey: `usage:${encodeTime(start, 10)}`,
      endkey: `usage:${encodeTime(end - 1, 10)}\uffff`,
      include_docs: true,
    });
    const summary: DaySummary = {
      day: localDay(now),
      spentUsd: 0,
      calls: 0,
      promptTokens: 0,
      completionTokens: 0,
      unpricedCalls: 0,
      unpricedModels: [],
    };
    return result.rows.reduce((sum, row) => (row.doc?.type === 'usage' ? add(sum, row.doc) : sum), summary);
  }
}

function add(summary: DaySummary, doc: UsageDoc): DaySummary {
  const next = { ...summary, calls: summary.calls + 1 };
  next.promptTokens += doc.promptTokens;
  next.completionTokens += doc.completionTokens;
  if (doc.costUsd !== null) {
    next.spentUsd += doc.costUsd;
  } else if (doc.usageReported || doc.outcome === 'ok') {
    next.unpricedCalls++;
    next.unpricedModels = [...new Set([...summary.unpricedModels, doc.model])].sort();
  }
  return next;
}
