/** The dashboard's cards: stock, sales, rankings, agents and AI spend. */
import type { Dashboard, Group, ItemFilter } from '@shared/api';
import { ITEM_STATUSES } from '@shared/domain/inventory';
import { AgingChart, SalesChart, SpendChart } from './Charts';
import { Card, Figure, hrefOf, follow, type Target } from './Figure';
import { NOT_ARCHIVED, withinAges } from './inventory-link';

export interface Ctx {
  d: Dashboard;
  /** The dashboard filter as inventory criteria (categories, acquired ages). */
  base: ItemFilter;
  money: (n: number) => string;
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const pct = (n: number | null) => (n === null ? '—' : `${n.toLocaleString()}%`);

export function StockSection({ d, base, money }: Ctx) {
  const inv = d.inventory;
  const inStock: Target = { inventory: { ...base, status: NOT_ARCHIVED } };
  return (
    <>
      <Card title="Inventory value">
        <div className="figures">
          <Figure
            label="At cost"
            value={money(inv.valueAtCost)}
            testId="value-at-cost"
            to={inStock}
            note={
              inv.unitsWithoutCost > 0 ? `${count(inv.unitsWithoutCost, 'unit')} without a cost left out` : undefined
            }
          />
          <Figure
            label="At list price"
            value={money(inv.valueAtList)}
            testId="value-at-list"
            to={inStock}
            note={
              inv.unitsWithoutListPrice > 0
                ? `${count(inv.unitsWithoutListPrice, 'unit')} without a list price left out`
                : undefined
            }
          />
          <Figure label="Units on hand" value={inv.unitsOnHand.toLocaleString()} testId="units-on-hand" to={inStock} />
        </div>
      </Card>
      <Card title="Items by status">
        <div className="figures">
          {ITEM_STATUSES.map((s) => (
            <Figure
              key={s}
              label={s[0]!.toUpperCase() + s.slice(1)}
              value={inv.byStatus[s].toLocaleString()}
              testId={`status-${s}`}
              to={{ inventory: { ...base, status: [s] } }}
            />
          ))}
        </div>
      </Card>
      <Card title="Listed items by age (days since acquired, or listed when that is unknown)">
        <div className="figures">
          {inv.aging.map((b) => (
            <Figure
              key={b.key}
              label={b.label}
              value={b.count.toLocaleString()}
              testId={`aging-${b.key}`}
              to={{ inventory: { ...withinAges(base, b.minDays, b.maxDays), status: ['listed'] } }}
            />
          ))}
        </div>
        <AgingChart
          aging={inv.aging}
          targetOf={(key) => {
            const b = inv.aging.find((x) => x.key === key)!;
            return { inventory: { ...withinAges(base, b.minDays, b.maxDays), status: ['listed'] } };
          }}
        />
      </Card>
    </>
  );
}

export function SalesSection({ d, base, money }: Ctx) {
  const s = d.sales;
  // The inventory list has no sold-date criterion: sales figures open the sold items of the categories.
  const sold: Target = { inventory: { ...(base.category ? { category: base.category } : {}), status: ['sold'] } };
  return (
    <Card title="Sales" wide>
      <div className="figures">
        <Figure label="Orders" value={s.orders.toLocaleString()} testId="orders" to={sold} />
        <Figure
          label="Revenue"
          value={money(s.revenue)}
          testId="revenue"
          to={sold}
          note={s.refunds > 0 ? `${money(s.refunds)} refunded (${count(s.unitsReturned, 'unit')})` : undefined}
        />
        <Figure
          label="Profit after fees and shipping"
          value={money(s.profit)}
          testId="profit"
          to={sold}
          note={`fees ${money(s.fees)}, shipping ${money(s.shipping)}, cost ${money(s.costOfGoods)}${
            s.salesWithoutCost > 0 ? ` · ${count(s.salesWithoutCost, 'sale')} without a cost` : ''
          }`}
        />
        <Figure label="Sell-through" value={pct(s.sellThroughPct)} testId="sell-through" to={sold} />
        <Figure
          label="Average days to sell"
          value={s.avgDaysToSell === null ? '—' : s.avgDaysToSell.toLocaleString()}
          testId="days-to-sell"
          to={sold}
        />
      </div>
      {s.orders + s.unitsReturned > 0 ? (
        <SalesChart sales={s} money={money} />
      ) : (
        <p className="muted">No sales in this period yet. Record a sale on an item and it appears here.</p>
      )}
    </Card>
  );
}

function Ranking(props: { title: string; groups: Group[]; field: 'category' | 'brand'; money: (n: number) => string }) {
  if (props.groups.length === 0) return null;
  return (
    <div className="ranking">
      <h3>{props.title}</h3>
      <ol>
        {props.groups.map((g) => {
          const to: Target = g.name ? { inventory: { [props.field]: [g.name] } } : null;
          const label = g.name || `(no ${props.field})`;
          return (
            <li key={g.name}>
              {to ? (
                <a href={hrefOf(to)} onClick={(e) => follow(to, e)}>
                  {label}
                </a>
              ) : (
                label
              )}{' '}
              <span className="muted">
                {props.money(g.profit)} profit · {count(g.units, 'unit')}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function RankingSection({ d, money }: Ctx) {
  if (d.categories.top.length === 0 && d.brands.top.length === 0) return null;
  return (
    <Card title="Best and worst by profit" wide>
      <div className="rankings">
        <Ranking title="Top categories" groups={d.categories.top} field="category" money={money} />
        <Ranking title="Bottom categories" groups={d.categories.bottom} field="category" money={money} />
        <Ranking title="Top brands" groups={d.brands.top} field="brand" money={money} />
        <Ranking title="Bottom brands" groups={d.brands.bottom} field="brand" money={money} />
      </div>
    </Card>
  );
}

export function ActivitySection({ d }: Ctx) {
  const a = d.agents;
  const ai = d.ai;
  return (
    <>
      <Card title="Agents">
        <div className="figures">
          <Figure label="Runs" value={a.runs.toLocaleString()} testId="agent-runs" to={{ page: 'agents' }} />
          <Figure
            label="Success rate"
            value={pct(a.successRatePct)}
            testId="agent-success"
            to={{ page: 'agents' }}
            note={`${a.succeeded} succeeded, ${a.failed} failed${a.noResult ? `, ${a.noResult} without result` : ''}${a.running ? `, ${a.running} running` : ''}`}
          />
          <Figure
            label="Proposals"
            value={a.proposals.created.toLocaleString()}
            testId="proposals"
            to={{ page: 'approvals' }}
            note={`${a.proposals.pending} waiting, ${a.proposals.approved} approved, ${a.proposals.rejected} rejected`}
          />
        </div>
        {d.filter.category && <p className="muted">Runs are not tied to a category; proposals are.</p>}
      </Card>
      <Card title="AI spend">
        <div className="figures">
          <Figure
            label="Today"
            value={`$${ai.today.spentUsd.toFixed(2)} of $${ai.today.budgetUsd.toFixed(2)}`}
            testId="ai-today"
            to={{ page: 'settings' }}
            note={
              ai.today.blocked ? 'Budget used up: AI calls wait until tomorrow.' : `${count(ai.today.calls, 'call')}`
            }
          />
          <Figure
            label="In this period"
            value={`$${ai.rangeSpentUsd.toFixed(2)}`}
            testId="ai-range"
            to={{ page: 'settings' }}
            note={count(ai.rangeCalls, 'call')}
          />
        </div>
        <SpendChart ai={ai} />
      </Card>
    </>
  );
}
