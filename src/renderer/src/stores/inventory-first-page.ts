/**
 * The Inventory page's first rows, asked for as the window starts: the question goes out on
 * the connection while the page's code is still downloading and React renders the chrome,
 * instead of after both. Kept in the initial chunk, so it is small and imports no store.
 */
import type { ItemFilter, ListQuery, Result, SortColumn } from '@shared/api';
import { api } from '../api/client';

export const PAGE_SIZE = 100;
export const DEFAULT_SORT: { sort: SortColumn; dir: 'asc' | 'desc' } = { sort: 'updatedAt', dir: 'desc' };

/** The list query for one page of the table; the store and the early request build it alike. */
export function pageQuery(filter: ItemFilter, sort: SortColumn, dir: 'asc' | 'desc', page: number): ListQuery {
  return { ...filter, sort, dir, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
}

let early: { key: string; answer: Promise<Result<unknown>>; stop(): void } | null = null;

/** Asks for the default first page now; the table takes the answer when it first needs it. */
export function requestFirstPage(): void {
  const query = pageQuery({}, DEFAULT_SORT.sort, DEFAULT_SORT.dir, 0);
  // A change that lands before the table takes the answer makes the answer stale: drop it.
  const stop = api.on('inventory.changed', () => forget());
  early = { key: JSON.stringify(query), answer: api.call('inventory.list', query), stop };
}

/** The early answer, once, if it was for exactly this query and nothing changed since. */
export function takeFirstPage(query: ListQuery): Promise<Result<unknown>> | null {
  const taken = early && early.key === JSON.stringify(query) ? early.answer : null;
  forget();
  return taken;
}

function forget(): void {
  early?.stop();
  early = null;
}
