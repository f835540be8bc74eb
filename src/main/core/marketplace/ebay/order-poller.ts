/**
 * Orders in: reads eBay's orders modified since a watermark (overlapping it by a few
 * minutes), page by page, and takes each line in as a sale (order-lines.ts). Paging is by
 * offset over a set that changes while it is read: an order modified meanwhile moves, and
 * one the pass never saw may slip between pages. So the watermark moves only after a pass
 * during which nothing it read was modified; otherwise the pass is read again (every line
 * is taken in idempotently, so reading twice costs calls, never a second sale).
 */
import type { EbayOrdersStatus } from '@shared/api';
import { ebayHosts } from './hosts';
import type { ImportDeps } from './import';
import { type LineOutcome, type UnmatchedLine } from './order-lines';
import { takePage } from './order-page';
import { matchLine, type MatchResult } from './order-matching';
import { settleFees } from './order-fees';
import { getOrders, getSaleFees } from './rest';
import { logger } from '../../log';

type OrdersPage = Awaited<ReturnType<typeof getOrders>>;
const log = logger('ebay');

const PAGE = 200;
const OVERLAP_MS = 5 * 60_000;
const PASSES = 3;

interface PollDoc {
  _id: 'ebay-orders';
  _rev?: string;
  /** Orders modified from here on (less the overlap) are read next time; null before the first poll. */
  watermark: string | null;
  lastPollAt: string | null;
  last?: PollResult;
  lastError?: EbayOrdersStatus['lastError'];
}

export type PollResult = Record<LineOutcome, number> & { passes: number; settled: boolean; feesSettled: number };

/** What the import needs, less its pictures; `now` for tests that move the clock. */
export type PollerDeps = Omit<ImportDeps, 'pictures'> & {
  now?: () => number;
  /** When the next automatic poll runs (the service schedules them). */
  nextPollAt?: () => string | null;
};

export class OrderPoller {
  private running: Promise<PollResult> | null = null;
  private queued: Promise<PollResult> | null = null;

  constructor(private readonly deps: PollerDeps) {}

  /**
   * One poll that starts after the call: a call while one runs gets the next one (shared by
   * every caller waiting meanwhile), since the running one may have read past a new order.
   */
  poll(signal?: AbortSignal): Promise<PollResult> {
    if (this.running) {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.poll(signal);
        });
      return this.queued;
    }
    this.running = this.run(signal)
      .catch((error: unknown) => this.failed(error))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** A failed poll is remembered (and shown) until one works; the caller still gets the error. */
  private async failed(error: unknown): Promise<never> {
    const { message, hint } = error as { message?: string; hint?: string };
    const lastError = {
      message: message || 'Reading eBay orders failed.',
      ...(hint ? { hint } : {}),
      at: new Date((this.deps.now ?? Date.now)()).toISOString(),
    };
    await this.deps.local
      .put<PollDoc>({ ...(await this.read()), lastError })
      .then(async () => this.deps.events.emit('ebay.orders', await this.status()))
      .catch(() => undefined);
    throw error;
  }

  private async run(signal?: AbortSignal): Promise<PollResult> {
    const now = this.deps.now ?? Date.now;
    const doc = await this.read();
    // The first poll starts now: orders from before FlipSync was connected are the seller's past
    // sales, which they may already have recorded by hand.
    const since = new Date((doc.watermark ? Date.parse(doc.watermark) : now()) - OVERLAP_MS).toISOString();
    const { api, apiz } = ebayHosts(await this.deps.settings());
    const result: PollResult = {
      recorded: 0,
      known: 0,
      unmatched: 0,
      cancelled: 0,
      returned: 0,
      passes: 0,
      settled: false,
      feesSettled: 0,
    };
    // Per line, what this poll did with it: a second pass reads lines again, and a line counts once
    // (as what happened to it: taken in on the first pass and "known" on the second is "recorded").
    const lines = new Map<string, LineOutcome>();
    let passStart = now();
    for (let pass = 0; pass < PASSES && !result.settled; pass++) {
      passStart = now();
      result.passes++;
      let moved = false;
      const read = (offset: number): Promise<OrdersPage> =>
        this.deps.account.authorized((t) => getOrders(this.deps.http, api, t, since, offset, PAGE, signal));
      // The next page is read while this one is written: eBay's time and the database's overlap.
      let next: Promise<OrdersPage> | null = read(0);
      for (let offset = 0; next;) {
        const page: OrdersPage = await next;
        offset += page.orders.length;
        next = page.hasNext && page.orders.length > 0 ? read(offset) : null;
        try {
          for (const order of page.orders) if (Date.parse(order.lastModifiedDate ?? '') >= passStart) moved = true;
          for (const { key, outcome } of await takePage(this.deps, page.orders))
            if (outcome !== 'known' || !lines.has(key)) lines.set(key, outcome);
        } catch (error) {
          next?.catch(() => undefined); // its failure, if any, says nothing more
          throw error;
        }
      }
      result.settled = !moved;
    }
    for (const outcome of lines.values()) result[outcome]++;
    result.feesSettled = await settleFees({
      inventory: this.deps.inventory,
      local: this.deps.local,
      now,
      read: (from, offset) =>
        this.deps.account.authorized((t) => getSaleFees(this.deps.http, apiz, t, from, offset, signal)),
    }).catch((error: unknown) => {
      // Exact fees can wait for the next poll; the orders are in.
      log.warn('could not read fees from eBay Finances', error);
      return 0;
    });
    await this.deps.local.put<PollDoc>({
      ...doc,
      // Unsettled after every pass: read from the same place again next time.
      watermark: result.settled ? new Date(passStart).toISOString() : (doc.watermark ?? since),
      lastPollAt: new Date(now()).toISOString(),
      last: result,
      lastError: null,
    });
    this.deps.events.emit('ebay.orders', await this.status());
    return result;
  }

  /** Resolves when no poll is running. */
  async idle(): Promise<void> {
    await (this.queued ?? this.running)?.catch(() => undefined);
  }

  async status(): Promise<EbayOrdersStatus> {
    const doc = await this.read();
    return {
      connected: (await this.deps.account.status()).connected,
      lastPollAt: doc.lastPollAt,
      last: doc.last ?? null,
      lastError: doc.lastError ?? null,
      nextPollAt: this.deps.nextPollAt?.() ?? null,
      unmatched: (await this.unmatched()).length,
    };
  }

  /** Matches a waiting line to the item with this SKU, and remembers it (order-matching.ts). */
  async match(target: { orderId: string; lineItemId: string; sku: string }): Promise<MatchResult> {
    const result = await matchLine(this.deps, await this.unmatched(), target);
    this.deps.events.emit('ebay.orders', await this.status());
    return result;
  }

  /** Lines that matched no item, oldest first, for the seller to match. */
  async unmatched(): Promise<UnmatchedLine[]> {
    const res = await this.deps.local.allDocs<UnmatchedLine>({
      startkey: 'ebay-unmatched:',
      endkey: 'ebay-unmatched:\uffff',
      include_docs: true,
    });
    return res.rows.flatMap((r) => (r.doc ? [r.doc] : [])).sort((a, b) => a.at.localeCompare(b.at));
  }

  private async read(): Promise<PollDoc> {
    try {
      return await this.deps.local.get<PollDoc>('ebay-orders');
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      return { _id: 'ebay-orders', watermark: null, lastPollAt: null };
    }
  }
}
