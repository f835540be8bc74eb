/** The dashboard's date range (presets or exact days) and categories. */
import { useEffect, useState } from 'react';
import { routes } from '@shared/api';
import { api } from '../../api/client';
import { useDashboard } from '../../stores/dashboard';
import { read } from '../../stores/inventory-result';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysBack = (n: number) => iso(new Date(Date.now() - n * 86_400_000));

const PRESETS: { id: string; label: string; range: () => { from?: string; to?: string } }[] = [
  { id: 'all', label: 'All time', range: () => ({}) },
  { id: '7', label: 'Last 7 days', range: () => ({ from: daysBack(6), to: iso(new Date()) }) },
  { id: '30', label: 'Last 30 days', range: () => ({ from: daysBack(29), to: iso(new Date()) }) },
  { id: '90', label: 'Last 90 days', range: () => ({ from: daysBack(89), to: iso(new Date()) }) },
  {
    id: 'month',
    label: 'This month',
    range: () => ({ from: `${iso(new Date()).slice(0, 7)}-01`, to: iso(new Date()) }),
  },
  {
    id: 'year',
    label: 'This year',
    range: () => ({ from: `${iso(new Date()).slice(0, 4)}-01-01`, to: iso(new Date()) }),
  },
];

export function FilterBar() {
  const filter = useDashboard((s) => s.filter);
  const setFilter = useDashboard((s) => s.setFilter);
  const [categories, setCategories] = useState<string[]>([]);
  useEffect(() => {
    void api.call('inventory.facets', {}).then((r) => {
      const facets = read(r, routes['inventory.facets'].output);
      if ('data' in facets) setCategories(facets.data.category.map((c) => c.value));
    });
  }, []);
  const preset = PRESETS.find((p) => {
    const r = p.range();
    return r.from === filter.from && r.to === filter.to;
  });
  return (
    <div className="dash-filters" role="group" aria-label="Dashboard filter">
      <label>
        Period{' '}
        <select
          value={preset?.id ?? 'custom'}
          onChange={(e) => {
            const p = PRESETS.find((x) => x.id === e.target.value);
            if (p) setFilter({ from: undefined, to: undefined, ...p.range() });
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom" disabled>
            Custom
          </option>
        </select>
      </label>
      <label>
        From <input type="date" value={filter.from ?? ''} onChange={(e) => setFilter({ from: e.target.value })} />
      </label>
      <label>
        To <input type="date" value={filter.to ?? ''} onChange={(e) => setFilter({ to: e.target.value })} />
      </label>
      <label>
        Category{' '}
        <select
          value={filter.category?.[0] ?? ''}
          onChange={(e) => setFilter({ category: e.target.value ? [e.target.value] : undefined })}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
