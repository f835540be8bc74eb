/**
 * What AI calls cost and whether today's budget allows another: the price table, the usage
 * ledger, the budget gate before a call and the usage document after it. The budget is in
 * US dollars because provider prices are.
 */
import type { AiUsageToday, ModelPrice } from '@shared/api';
import { sentenceMoney } from '@shared/domain/money';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/store';
import type { Connection } from './connection';
import { AiError } from './errors';
import { costUsd, PriceStore, priceFor, type TokenUsage } from './prices';
import { UsageLedger, type Who } from './usage';

const usd = sentenceMoney('USD');

/** The words for a used-up budget, the same wherever a call or a run is refused. */
export const budgetUsedUp = (today: Pick<AiUsageToday, 'budgetUsd' | 'spentUsd'>) =>
  `Today's AI budget of ${usd(today.budgetUsd)} is used up (${usd(today.spentUsd)} spent)`;
export const BUDGET_HINT = 'Raise the daily budget in Settings → AI, or wait until tomorrow.';

export interface CallOutcome {
  streamed: boolean;
  outcome: 'ok' | 'cancelled' | 'error';
}

export class Metering {
  readonly prices: PriceStore;
  readonly ledger: UsageLedger;
  private announcedDay: string | null = null;

  constructor(
    db: Database,
    private readonly settings: SettingsStore,
    private readonly events: EventBus,
    now?: () => Date,
  ) {
    this.prices = new PriceStore(db);
    this.ledger = new UsageLedger(db, now);
  }

  async usageToday(): Promise<AiUsageToday> {
    const [summary, settings] = await Promise.all([this.ledger.today(), this.settings.get()]);
    const budgetUsd = settings.ai.dailyBudgetUsd;
    return { ...summary, budgetUsd, blocked: summary.spentUsd >= budgetUsd };
  }

  setPrices(prices: ModelPrice[]): Promise<ModelPrice[]> {
    return this.prices.set(prices);
  }

  /**
   * Refuses a call when today's budget is used up. Only models with a price count: calls
   * to unpriced models (local Ollama, LM Studio) cost nothing we can count.
   */
  async gate(model: string): Promise<void> {
    if (!priceFor(await this.prices.get(), model)) return;
    const today = await this.usageToday();
    if (!today.blocked) return;
    this.announce(today);
    throw new AiError('budget', `${budgetUsedUp(today)}.`, BUDGET_HINT);
  }

  /** Leaves the usage document of one call and returns its cost (null when unknown). */
  async record(
    conn: Connection,
    who: Who,
    model: string,
    usage: TokenUsage | null,
    how: CallOutcome,
  ): Promise<number | null> {
    const table = await this.prices.get();
    const price = priceFor(table, model) ?? priceFor(table, conn.endpoint.model);
    const cost = price && usage ? costUsd(price, usage) : null;
    await this.ledger.record({
      model,
      preset: conn.endpoint.preset,
      host: new URL(conn.endpoint.baseUrl).host,
      who,
      ...how,
      usageReported: usage !== null,
      promptTokens: usage?.promptTokens ?? 0,
      completionTokens: usage?.completionTokens ?? 0,
      cachedTokens: usage?.cachedTokens ?? 0,
      costUsd: cost,
    });
    if (cost !== null) {
      const today = await this.usageToday();
      if (today.blocked) this.announce(today);
    }
    return cost;
  }

  /** Says once a day that the budget is used up (a notification follows from it). */
  private announce(today: AiUsageToday): void {
    if (this.announcedDay === today.day) return;
    this.announcedDay = today.day;
    this.events.emit('ai.budgetReached', { day: today.day, spentUsd: today.spentUsd, budgetUsd: today.budgetUsd });
  }
}
