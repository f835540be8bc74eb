import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '../../../src/main/core/core';
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/api';
import { inProcess } from '../../support/core';

export const fixture = (name: string) =>
  readFile(path.join(import.meta.dirname, '..', '..', 'fixtures', 'csv', name), 'utf8');

/** Calls a route through the real router; throws the error envelope so tests read plainly. */
export async function call<R extends RouteName>(core: Core, route: R, input: RouteInput<R>): Promise<RouteOutput<R>> {
  const result = await core.dispatch(route, input, inProcess);
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
  return result.data as RouteOutput<R>;
}

/** Calls a route and returns the error envelope it must answer with. */
export async function callFails(core: Core, route: RouteName, input: unknown) {
  const result = await core.dispatch(route, input, inProcess);
  if (result.ok) throw new Error(`${route} was expected to fail but answered ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Every item in the inventory (archived too), by SKU. */
export async function itemsBySku(core: Core) {
  const page = await call(core, 'inventory.list', {
    status: ['draft', 'ready', 'listed', 'sold', 'archived'],
    limit: 500,
    sort: 'sku',
    dir: 'asc',
  });
  const items = await Promise.all(page.items.map((row) => call(core, 'inventory.get', { id: row.id })));
  return new Map(items.map((item) => [item.sku, item]));
}
