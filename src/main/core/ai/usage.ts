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
    return doc;
  }

  async today(): Promise<DaySummary> {
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
    const unpriced = new Set<string>();
    for (const row of result.rows) {
      const doc = row.doc;
      if (!doc || doc.type !== 'usage') continue;
      summary.calls++;
      summary.promptTokens += doc.promptTokens;
      summary.completionTokens += doc.completionTokens;
      if (doc.costUsd === null) {
        if (doc.usageReported || doc.outcome === 'ok') {
          summary.unpricedCalls++;
          unpriced.add(doc.model);
        }
      } else {
        summary.spentUsd += doc.costUsd;
      }
    }
    summary.unpricedModels = [...unpriced].sort();
    return summary;
  }
}
