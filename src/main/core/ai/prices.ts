import { PriceTableSchema, type ModelPrice } from '@shared/api';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import { logger } from '../log';

const log = logger('ai');

const DOC_ID = 'ai:prices';
type PricesDoc = { _id: string; _rev?: string; prices: ModelPrice[] };

/**
 * OpenAI's published list prices (USD per million tokens) when this table was written.
 * They change: the seller edits the table in Settings → AI, and the edited table is used.
 */
export const DEFAULT_PRICES: ModelPrice[] = [
  { model: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6, cachedInputPerMTok: 0.075 },
  { model: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10, cachedInputPerMTok: 1.25 },
  { model: 'gpt-4.1', inputPerMTok: 2, outputPerMTok: 8, cachedInputPerMTok: 0.5 },
  { model: 'gpt-4.1-mini', inputPerMTok: 0.4, outputPerMTok: 1.6, cachedInputPerMTok: 0.1 },
  { model: 'gpt-4.1-nano', inputPerMTok: 0.1, outputPerMTok: 0.4, cachedInputPerMTok: 0.025 },
  { model: 'o4-mini', inputPerMTok: 1.1, outputPerMTok: 4.4, cachedInputPerMTok: 0.275 },
  { model: 'gpt-5', inputPerMTok: 1.25, outputPerMTok: 10, cachedInputPerMTok: 0.125 },
  { model: 'gpt-5-mini', inputPerMTok: 0.25, outputPerMTok: 2, cachedInputPerMTok: 0.025 },
  { model: 'gpt-5-nano', inputPerMTok: 0.05, outputPerMTok: 0.4, cachedInputPerMTok: 0.005 },
];

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
}

/** A dated or pinned version of a model: gpt-4o-mini-2024-07-18, gpt-4-0613. */
const VERSION_SUFFIX = /^-(\d{4}-\d{2}-\d{2}|\d{4}|latest)$/;

/** The price for a model name as the API reports it, or null when the table has none. */
export function priceFor(table: readonly ModelPrice[], model: string): ModelPrice | null {
  // OpenRouter names models by vendor: openai/gpt-4o-mini.
  const names = [model.toLowerCase(), model.toLowerCase().replace(/^[^/]+\//, '')];
  for (const name of names) {
    const exact = table.find((p) => p.model.toLowerCase() === name);
    if (exact) return exact;
    const versioned = table.find(
      (p) => name.startsWith(p.model.toLowerCase()) && VERSION_SUFFIX.test(name.slice(p.model.length)),
    );
    if (versioned) return versioned;
  }
  return null;
}

export function costUsd(price: ModelPrice, usage: TokenUsage): number {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const fresh = usage.promptTokens - cached;
  return (
    (fresh * price.inputPerMTok +
      cached * (price.cachedInputPerMTok ?? price.inputPerMTok) +
      usage.completionTokens * price.outputPerMTok) /
    1_000_000
  );
}

/** The price table, one document in the local-only database. */
export class PriceStore {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly db: Database) {}

  async get(): Promise<ModelPrice[]> {
    const doc = await this.read();
    if (!doc) return structuredClone(DEFAULT_PRICES);
    const parsed = PriceTableSchema.safeParse(doc.prices);
    if (parsed.success) return parsed.data;
    log.warn('the saved price table is invalid; using the built-in prices.');
    return structuredClone(DEFAULT_PRICES);
  }

  set(prices: ModelPrice[]): Promise<ModelPrice[]> {
    const seen = new Set<string>();
    for (const p of prices) {
      const key = p.model.toLowerCase();
      if (seen.has(key)) {
        return Promise.reject(
          new AppError('BAD_REQUEST', `The price table lists ${p.model} twice.`, 'Keep one row per model.'),
        );
      }
      seen.add(key);
    }
    const run = this.queue.then(async () => {
      const doc = await this.read();
      await this.db.put<PricesDoc>({ _id: DOC_ID, _rev: doc?._rev, prices });
      return prices;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<PricesDoc | null> {
    try {
      return await this.db.get<PricesDoc>(DOC_ID);
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }
}
