/**
 * Charts with recharts. Each chart is sized from its container (jsdom and first paint have
 * no layout, so a fallback width keeps them drawable) and has a plain-text summary for
 * screen readers; clicking a bar opens the inventory filtered to what it counts.
 */
import { useEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '@shared/api';
import { follow, type Target } from './Figure';
import { usd } from './usd';

const HEIGHT = 220;

function useWidth(fallback = 560) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

export function SalesChart(props: { sales: Dashboard['sales']; money: (n: number) => string }) {
  const [by, setBy] = useState<'week' | 'month'>('month');
  const { ref, width } = useWidth();
  const data = by === 'week' ? props.sales.byWeek : props.sales.byMonth;
  return (
    <div ref={ref} className="chart">
      <div className="chart-head">
        <span>Revenue and profit by {by}</span>
        <span role="group" aria-label="Group by">
          <button type="button" aria-pressed={by === 'week'} onClick={() => setBy('week')}>
            Weeks
          </button>
          <button type="button" aria-pressed={by === 'month'} onClick={() => setBy('month')}>
            Months
          </button>
        </span>
      </div>
      <BarChart width={width} height={HEIGHT} data={data} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="period" fontSize={12} />
        <YAxis fontSize={12} width={70} tickFormatter={(v: number) => props.money(v)} />
        <Tooltip formatter={(v) => props.money(Number(v))} />
        <Legend />
        <Bar dataKey="revenue" name="Revenue" fill="var(--accent)" />
        <Bar dataKey="profit" name="Profit" fill="#2e9e6b" />
      </BarChart>
      <p className="sr-only">
        {data.map((p) => `${p.period}: revenue ${props.money(p.revenue)}, profit ${props.money(p.profit)}`).join('; ')}
      </p>
    </div>
  );
}

export function AgingChart(props: { aging: Dashboard['inventory']['aging']; targetOf: (key: string) => Target }) {
  const { ref, width } = useWidth(360);
  return (
    <div ref={ref} className="chart">
      <BarChart width={width} height={180} data={props.aging} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} width={40} />
        <Tooltip />
        <Bar
          dataKey="count"
          name="Listed items"
          fill="var(--accent)"
          cursor="pointer"
          onClick={(entry) => {
            const key = (entry as { payload?: { key?: string } }).payload?.key;
            if (key) follow(props.targetOf(key), { preventDefault: () => undefined });
          }}
        />
      </BarChart>
    </div>
  );
}

export function SpendChart(props: { ai: Dashboard['ai'] }) {
  const { ref, width } = useWidth(360);
  return (
    <div ref={ref} className="chart">
      <LineChart width={width} height={180} data={props.ai.byDay} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="day" fontSize={11} tickFormatter={(d: string) => d.slice(5)} />
        <YAxis fontSize={12} width={56} tickFormatter={usd} />
        <Tooltip formatter={(v) => usd(Number(v))} />
        <ReferenceLine y={props.ai.today.budgetUsd} stroke="var(--error)" strokeDasharray="4 4" label="Daily budget" />
        <Line type="monotone" dataKey="spentUsd" name="Spent" stroke="var(--accent)" dot={false} />
      </LineChart>
    </div>
  );
}
