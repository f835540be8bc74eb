/**
 * The dashboard's numbers, computed on request from what core already keeps current: items
 * from a typed-array mirror of the inventory's in-memory index (item-columns.ts; selected by
 * the inventory list's rules for acquired date and category, so a click-through lists what
 * was counted), sales and returns from the sales ledger (also kept as typed arrays), agent
 * runs and proposals from the agents database, AI spend from the usage documents. A request
 * is then one numeric pass over items and one over sales.
 * Announces `analytics.changed` (at most every CHANGE_DELAY_MS) when any of them changes.
 */
import type { AnalyticsFilter, Dashboard } from '@shared/api/analytics';
import type { AiService } from '../ai/service';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import type { InventoryIndex } from '../inventory/index/memory-index';
import { AgentActivity } from './agent-activity';
import { AiSpend } from './ai-spend';
import { ItemColumns } from './item-columns';
import { dayNumber, dayString, todayUtc } from './periods';
import { salesFigures } from './sales-figures';
import { ledgerSnapshotPath } from './ledger-snapshot';
import { SalesLedger } from './sales-ledger';
import { stockFigures } from './stock-figures';

const CHANGE_DELAY_MS = 100;
/** The AI spend chart shows at most this many days (the total covers the whole range). */
const SPEND_CHART_DAYS = 366;
type Source = 'inventory' | 'agents' | 'ai';

export interface AnalyticsDeps {
  inventoryDb: Database;
  index: () => InventoryIndex;
  agentsDb: Database;
  localDb: Database;
  ai: Pick<AiService, 'usageToday'>;
  events: EventBus;
  /** Where the sales snapshot is kept; without it every start reads all sales again. */
  dataDir?: string;
  now?: () => Date;
}

export class AnalyticsService {
  private readonly changed = new Set<Source>();
  private timer: NodeJS.Timeout | null = null;
  private readonly stoppers: (() => void)[] = [];

  private constructor(
    private readonly deps: AnalyticsDeps,
    readonly ledger: SalesLedger,
    private readonly agents: AgentActivity,
    private readonly spend: AiSpend,
    private readonly items: ItemColumns,
  ) {}

  static async start(deps: AnalyticsDeps): Promise<AnalyticsService> {
    // Not awaited: at 100k items the first read takes a while, and core must start at once.
    const ledger = new SalesLedger(deps.inventoryDb, deps.dataDir ? ledgerSnapshotPath(deps.dataDir) : null);
    let service: AnalyticsService | null = null;
    const announce = (source: Source) => () => service?.announce(source);
    const agents = new AgentActivity(deps.agentsDb, announce('agents'));
    const spend = new AiSpend(deps.localDb, announce('ai'));
    const items = new ItemColumns(ledger.keys);
    service = new AnalyticsService(deps, ledger, agents, spend, items);
    service.stoppers.push(
      // Every change the index applies names its items: the mirror re-reads just those.
      deps.events.on('inventory.changed', ({ ids }) => items.markChanged(ids)),
      ledger.onChange(announce('inventory')),
      // The budget is a setting: a new budget changes the AI card.
      deps.events.on('settings.changed', announce('ai')),
    );
    return service;
  }

  async dashboard(filter: AnalyticsFilter): Promise<Dashboard> {
    await this.ledger.settle();
    const started = performance.now();
    const [activity, spendByDay, aiToday] = await Promise.all([
      this.agents.facts(),
      this.spend.byDay(),
      this.deps.ai.usageToday(),
    ]);
    const today = todayUtc(this.deps.now?.() ?? new Date());
    const todayNo = dayNumber(today);
    this.items.sync(this.deps.index());
    const scope = {
      fromNo: filter.from ? dayNumber(filter.from) : -Infinity,
      toNo: filter.to ? dayNumber(filter.to) : Infinity,
      allowed: this.items.allowed(filter.category),
    };
    const inventory = stockFigures(this.items, scope, todayNo);
    const sales = salesFigures(
      this.ledger.columns,
      this.ledger.returns,
      this.items,
      this.ledger.keys,
      scope,
      inventory.unitsOnHand,
    );

    const inRange = (day: string) => (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
    const runs = activity.runs.filter((r) => inRange(r.day));
    const proposals = activity.proposals.filter(
      (p) => inRange(p.day) && this.items.selected(this.ledger.keys.find(p.itemId), scope.allowed),
    );
    const count = <T>(list: T[], test: (x: T) => boolean) => list.reduce((n, x) => n + (test(x) ? 1 : 0), 0);
    const succeeded = count(runs, (r) => r.outcome === 'succeeded');
    const failed = count(runs, (r) => r.outcome === 'failed');
    const noResult = count(runs, (r) => r.outcome === 'no-result');
    const ended = succeeded + failed + noResult;

    let rangeSpentUsd = 0;
    let rangeCalls = 0;
    for (const [day, s] of spendByDay) {
      if (!inRange(day)) continue;
      rangeSpentUsd += s.spentUsd;
      rangeCalls += s.calls;
    }
    const computeMs = performance.now() - started;
    return {
      today,
      filter: { from: filter.from, to: filter.to, category: filter.category },
      inventory,
      ...sales,
      agents: {
        runs: runs.length,
        succeeded,
        failed,
        noResult,
        running: count(runs, (r) => r.outcome === 'running'),
        successRatePct: ended > 0 ? Math.round((succeeded / ended) * 1000) / 10 : null,
        proposals: {
          created: proposals.length,
          pending: count(proposals, (p) => p.state === 'pending'),
          approved: count(proposals, (p) => p.state === 'approved'),
          rejected: count(proposals, (p) => p.state === 'rejected'),
        },
        unreadable: activity.unreadable,
      },
      ai: {
        today: {
          day: aiToday.day,
          spentUsd: aiToday.spentUsd,
          budgetUsd: aiToday.budgetUsd,
          calls: aiToday.calls,
          unpricedCalls: aiToday.unpricedCalls,
          blocked: aiToday.blocked,
        },
        rangeSpentUsd: Math.round(rangeSpentUsd * 1e6) / 1e6,
        rangeCalls,
        byDay: spendChart(spendByDay, filter, aiToday.day),
      },
      computeMs,
    };
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const stop of this.stoppers) stop();
    this.agents.stop();
    this.spend.stop();
    await this.ledger.stop();
  }

  private announce(source: Source): void {
    this.changed.add(source);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      const sources = [...this.changed];
      this.changed.clear();
      this.deps.events.emit('analytics.changed', { sources });
    }, CHANGE_DELAY_MS);
  }
}

/** Daily spend for the chart: the selected days (the last 30 when none), quiet days as zeros. */
function spendChart(
  byDay: ReadonlyMap<string, { spentUsd: number; calls: number }>,
  f: AnalyticsFilter,
  today: string,
) {
  const last = dayNumber(f.to ?? today);
  const first = Math.max(f.from ? dayNumber(f.from) : last - 29, last - SPEND_CHART_DAYS + 1);
  const out: { day: string; spentUsd: number; calls: number }[] = [];
  for (let n = first; n <= last; n++) {
    const day = dayString(n);
    const s = byDay.get(day);
    out.push({ day, spentUsd: Math.round((s?.spentUsd ?? 0) * 1e6) / 1e6, calls: s?.calls ?? 0 });
  }
  return out;
}
