/**
 * The dashboard: every figure computed by core from the seller's own data, refreshed live
 * when core says something it counts changed. A new seller sees what to do first, never
 * sample numbers.
 */
import { formatMoney } from '@shared/domain/money';
import { useEffect } from 'react';
import { useDashboard } from '../../stores/dashboard';
import { useSettingsStore } from '../../stores/settings';
import { FilterBar } from './FilterBar';
import { baseItemFilter } from './inventory-link';
import { ActivitySection, RankingSection, SalesSection, StockSection, type Ctx } from './Sections';
import './dashboard.css';
import { ErrorText } from '../../components/ErrorRef';

export function DashboardPage() {
  const { data, error, filter } = useDashboard();
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  useEffect(() => {
    const stop = useDashboard.getState().watch();
    void useDashboard.getState().load();
    return stop;
  }, []);

  const filtered = Boolean(filter.from || filter.to || filter.category);
  const isNew = data !== null && !filtered && data.inventory.items === 0 && data.sales.orders === 0;
  return (
    <section className="dashboard-page" aria-labelledby="dashboard-title">
      <header className="dash-toolbar">
        <h1 id="dashboard-title">Dashboard</h1>
        <FilterBar />
      </header>
      {error && (
        <p className="error" role="alert">
          {error.code === 'INVALID_INPUT' ? '' : 'The dashboard could not be computed: '}
          <ErrorText error={error} />
        </p>
      )}
      {data === null && !error && <p className="muted">Computing your figures…</p>}
      {isNew && (
        <div className="empty-state" data-testid="dashboard-empty">
          <h2>No items or sales yet</h2>
          <p>
            Your figures appear here as soon as there is something to count. Start by adding items or importing your
            eBay listings on the <a href="#/inventory">Inventory</a> page; record a sale on an item and revenue and
            profit follow.
          </p>
        </div>
      )}
      {data && filtered && data.inventory.items === 0 && data.sales.orders === 0 && (
        <p className="muted" data-testid="dashboard-nothing">
          Nothing was acquired or sold in this period{filter.category ? ' in this category' : ''}.
        </p>
      )}
      {data && (
        <Sections ctx={{ d: data, base: baseItemFilter(filter, data.today), money: (n) => formatMoney(n, currency) }} />
      )}
      {data && (
        <p className="muted small" data-testid="dashboard-footnote">
          Dates are UTC days; items count by the day they were acquired, sales by the day they sold. Computed in{' '}
          {Math.round(data.computeMs)} ms.
        </p>
      )}
    </section>
  );
}

function Sections({ ctx }: { ctx: Ctx }) {
  return (
    <div className="dash-grid">
      <SalesSection {...ctx} />
      <StockSection {...ctx} />
      <RankingSection {...ctx} />
      <ActivitySection {...ctx} />
    </div>
  );
}
