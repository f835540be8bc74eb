/**
 * The inventory table: which items (filter, sort), how many match, and the pages of rows
 * fetched so far. Rows are fetched a page at a time as the seller scrolls; the store never
 * asks for every row at once, so 100k items cost only the pages in view.
 */
import type { z } from 'zod';
import { create } from 'zustand';
import { routes, type ApiError, type ItemFilter, type ItemSummary, type SortColumn } from '@shared/api';
import { api } from '../api/client';
import { DEFAULT_SORT, PAGE_SIZE, pageQuery, takeFirstPage } from './inventory-first-page';
import { read } from './inventory-result';

export { PAGE_SIZE };
/** Pages kept in memory; the ones furthest from the last requested page are dropped. */
const MAX_PAGES = 12;

const PageSchema = routes['inventory.list'].output;
const FacetsSchema = routes['inventory.facets'].output;
type Facets = z.infer<typeof FacetsSchema>;

interface TableStore {
  filter: ItemFilter;
  sort: SortColumn;
  dir: 'asc' | 'desc';
  /** Matching items across all pages; null until the first page answers. */
  total: number | null;
  pages: Record<number, ItemSummary[]>;
  error: ApiError | null;
  facets: Facets | null;
  selected: Set<string>;
  /** Bumped whenever the query changes, so answers to an older query are dropped. */
  generation: number;
  setFilter(change: Partial<ItemFilter>): void;
  clearFilter(): void;
  sortBy(column: SortColumn): void;
  /** Fetches the pages covering rows [start, end] that are not loaded yet. */
  ensureRows(start: number, end: number): void;
  /** Fetches the loaded pages again (after a change here or from sync). */
  refresh(): Promise<void>;
  loadFacets(): Promise<void>;
  replaceRow(row: Partial<ItemSummary> & { id: string }): void;
  toggle(id: string): void;
  selectOnly(ids: string[]): void;
  clearSelection(): void;
}

const inFlight = new Set<string>();
let lastRequested = 0;

export const hasFilter = (f: ItemFilter) =>
  Object.values(f).some((v) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));

export const useInventoryTable = create<TableStore>((set, get) => {
  async function fetchPage(page: number, generation: number, again = false): Promise<void> {
    const key = `${generation}:${page}${again ? ':again' : ''}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const { filter, sort, dir } = get();
      const query = pageQuery(filter, sort, dir, page);
      const r = read(await (takeFirstPage(query) ?? api.call('inventory.list', query)), PageSchema);
      if (get().generation !== generation) return;
      if ('error' in r) return set({ error: r.error });
      set((s) => ({ total: r.data.total, error: null, pages: trim({ ...s.pages, [page]: r.data.items }) }));
    } finally {
      inFlight.delete(key);
    }
  }

  function restart() {
    set((s) => ({ generation: s.generation + 1, pages: {}, total: null }));
    void fetchPage(0, get().generation);
  }

  return {
    filter: {},
    sort: DEFAULT_SORT.sort,
    dir: DEFAULT_SORT.dir,
    total: null,
    pages: {},
    error: null,
    facets: null,
    selected: new Set(),
    generation: 0,

    setFilter: (change) => {
      set((s) => ({ filter: clean({ ...s.filter, ...change }) }));
      restart();
    },
    clearFilter: () => {
      set({ filter: {} });
      restart();
    },
    sortBy: (column) => {
      const { sort, dir } = get();
      const text = ['sku', 'title', 'brand', 'category', 'condition', 'location', 'status'].includes(column);
      set({ sort: column, dir: sort === column ? (dir === 'asc' ? 'desc' : 'asc') : text ? 'asc' : 'desc' });
      restart();
    },
    ensureRows: (start, end) => {
      const { pages, generation } = get();
      const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
      lastRequested = first;
      for (let p = first; p <= last; p++) if (!pages[p]) void fetchPage(p, generation);
    },
    refresh: async () => {
      const { pages, generation } = get();
      const loaded = Object.keys(pages).map(Number);
      await Promise.all((loaded.length > 0 ? loaded : [0]).map((p) => fetchPage(p, generation, true)));
    },
    loadFacets: async () => {
      const r = read(await api.call('inventory.facets', {}), FacetsSchema);
      if ('data' in r) set({ facets: r.data });
    },
    replaceRow: (row) =>
      set((s) => {
        const pages: Record<number, ItemSummary[]> = {};
        for (const [p, rows] of Object.entries(s.pages)) {
          pages[Number(p)] = rows.map((r) => (r.id === row.id ? { ...r, ...row } : r));
        }
        return { pages };
      }),
    toggle: (id) =>
      set((s) => {
        const selected = new Set(s.selected);
        if (!selected.delete(id)) selected.add(id);
        return { selected };
      }),
    selectOnly: (ids) => set({ selected: new Set(ids) }),
    clearSelection: () => set({ selected: new Set() }),
  };
});

/** Drops empty criteria so "any" really means no criterion. */
function clean(filter: ItemFilter): ItemFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    out[k] = v;
  }
  return out as ItemFilter;
}

function trim(pages: Record<number, ItemSummary[]>): Record<number, ItemSummary[]> {
  const keys = Object.keys(pages).map(Number);
  if (keys.length <= MAX_PAGES) return pages;
  keys.sort((a, b) => Math.abs(a - lastRequested) - Math.abs(b - lastRequested));
  return Object.fromEntries(keys.slice(0, MAX_PAGES).map((k) => [k, pages[k]!]));
}

/** The row at an index, if its page is loaded. */
export function rowAt(pages: Record<number, ItemSummary[]>, index: number): ItemSummary | undefined {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
}
