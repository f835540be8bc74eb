import { useEffect, useState } from 'react';
import type { ItemFilter } from '@shared/api';
import type { ItemStatus } from '@shared/domain/inventory';
import { hasFilter, useInventoryTable } from '../../stores/inventory-table';
import { STATUS_OPTIONS } from './format';

/** Search as the seller types, without a query per keystroke. */
export function SearchBox() {
  const q = useInventoryTable((s) => s.filter.q ?? '');
  const [text, setText] = useState(q);
  const [seen, setSeen] = useState(q);
  // Follows the store (Clear filters) without eating a trailing space the seller is typing.
  if (q !== seen) {
    setSeen(q);
    if (text.trim() !== q) setText(q);
  }
  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => useInventoryTable.getState().setFilter({ q: text.trim() || undefined }), 120);
    return () => clearTimeout(timer);
  }, [text, q]);
  return (
    <input
      type="search"
      className="inv-search"
      aria-label="Search inventory"
      placeholder="Search SKU, title, brand, tags…"
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

type FacetName = 'category' | 'brand' | 'location' | 'tag';
/** One array for "no facets yet": a new [] per render would make the store selector loop. */
const NO_FACET: { value: string; count: number }[] = [];

function FacetSelect({ name, label }: { name: FacetName; label: string }) {
  const facet = useInventoryTable((s) => s.facets?.[name] ?? NO_FACET);
  const filter = useInventoryTable((s) => s.filter);
  const setFilter = useInventoryTable((s) => s.setFilter);
  const current = name === 'tag' ? (filter.tag ?? '') : (filter[name]?.[0] ?? '');
  const onChange = (value: string) =>
    setFilter(name === 'tag' ? { tag: value || undefined } : { [name]: value ? [value] : undefined });
  return (
    <label className="filter">
      <span>{label}</span>
      <select value={current} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {facet
          .filter((f) => f.value !== '')
          .map((f) => (
            <option key={f.value} value={f.value}>
              {f.value} ({f.count})
            </option>
          ))}
      </select>
    </label>
  );
}

/** A number box that applies when the seller leaves it or presses Enter. */
function NumberFilter(props: { label: string; field: keyof ItemFilter; integer?: boolean }) {
  const value = useInventoryTable((s) => s.filter[props.field]) as number | undefined;
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState(false);
  if (value !== seen) {
    setSeen(value);
    setText(value === undefined ? '' : String(value));
  }
  const apply = () => {
    const n = text.trim() === '' ? undefined : Number(text);
    const bad = n !== undefined && (!Number.isFinite(n) || n < 0 || (!!props.integer && !Number.isInteger(n)));
    setError(bad);
    if (!bad && n !== value) useInventoryTable.getState().setFilter({ [props.field]: n });
  };
  return (
    <label className="filter narrow">
      <span>{props.label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={error || undefined}
        title={error ? 'Enter a number of 0 or more.' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
    </label>
  );
}

export function FiltersBar() {
  const filter = useInventoryTable((s) => s.filter);
  const setFilter = useInventoryTable((s) => s.setFilter);
  return (
    <div className="inv-filters" role="group" aria-label="Filters">
      <label className="filter">
        <span>Status</span>
        <select
          value={filter.status?.[0] ?? ''}
          onChange={(e) => setFilter({ status: e.target.value ? [e.target.value as ItemStatus] : undefined })}
        >
          <option value="">Any (not archived)</option>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <FacetSelect name="category" label="Category" />
      <FacetSelect name="brand" label="Brand" />
      <FacetSelect name="location" label="Location" />
      <FacetSelect name="tag" label="Tag" />
      <label className="filter">
        <span>eBay</span>
        <select
          value={filter.ebay ?? ''}
          onChange={(e) => setFilter({ ebay: (e.target.value || undefined) as ItemFilter['ebay'] })}
        >
          <option value="">Any</option>
          <option value="listed">On eBay</option>
          <option value="not-listed">Not on eBay</option>
        </select>
      </label>
      <NumberFilter label="Price from" field="priceMin" />
      <NumberFilter label="Price to" field="priceMax" />
      <NumberFilter label="Age from (days)" field="ageMinDays" integer />
      <NumberFilter label="Age to (days)" field="ageMaxDays" integer />
      {hasFilter(filter) && (
        <button type="button" onClick={() => useInventoryTable.getState().clearFilter()}>
          Clear filters
        </button>
      )}
    </div>
  );
}
