/** The filter bar's choices: each value of a field with how many live items have it. */
import type { RowStore } from './row-store';

type Facet = { value: string; count: number }[];
export type Facets = Record<'category' | 'brand' | 'location' | 'tag' | 'status', Facet>;

export function countFacets(rows: RowStore): Facets {
  const counters = { category: new Map(), brand: new Map(), location: new Map(), tag: new Map(), status: new Map() };
  const bump = (m: Map<string, number>, v: string) => v && m.set(v, (m.get(v) ?? 0) + 1);
  // Field by field: after a restart this reads the snapshot's columns without building rows.
  for (let slot = 0; slot < rows.length; slot++) {
    if (!rows.isLive(slot)) continue;
    bump(counters.category, rows.field(slot, 'category')!);
    bump(counters.brand, rows.field(slot, 'brand')!);
    bump(counters.location, rows.field(slot, 'location')!);
    bump(counters.status, rows.field(slot, 'status')!);
    for (const tag of rows.field(slot, 'tags')!) bump(counters.tag, tag);
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    category: list(counters.category),
    brand: list(counters.brand),
    location: list(counters.location),
    tag: list(counters.tag),
    status: list(counters.status),
  };
}
