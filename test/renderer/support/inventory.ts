/**
 * Set-up for the inventory component tests: the shared page harness on `#/inventory`, events
 * that can be held back, and a layout for jsdom (which lays nothing out) so the virtualized
 * table has a viewport to fill.
 */
import type { Transport } from '../../../src/renderer/src/api/transport';
import type { RouteInput, RouteOutput } from '../../../src/shared/api';
import { eachTest, startPage, type PageHarness } from './page';

/** jsdom reports 0×0 for every element; the table's scroller gets a 1000×400 viewport. */
export function fakeViewport(): () => void {
  const proto = HTMLElement.prototype;
  const saved = {
    h: Object.getOwnPropertyDescriptor(proto, 'clientHeight'),
    w: Object.getOwnPropertyDescriptor(proto, 'clientWidth'),
  };
  Object.defineProperty(proto, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(proto, 'clientWidth', { configurable: true, get: () => 1000 });
  return () => {
    if (saved.h) Object.defineProperty(proto, 'clientHeight', saved.h);
    if (saved.w) Object.defineProperty(proto, 'clientWidth', saved.w);
  };
}

export interface Harness extends PageHarness {
  /** While true, core events wait; false delivers them in order. */
  holdEvents(hold: boolean): void;
}

export async function startHarness(): Promise<Harness> {
  // Events can be held back, to act out "the window has not heard of that change yet".
  let holding = false;
  const held: (() => void)[] = [];
  const page = await startPage({
    hash: '#/inventory',
    transport: (inner: Transport): Transport => ({
      ...inner,
      on: (event, listener) =>
        inner.on(event, (payload) => (holding ? held.push(() => listener(payload)) : listener(payload))),
    }),
  });
  const restore = fakeViewport();
  return {
    ...page,
    holdEvents: (hold: boolean) => {
      holding = hold;
      if (!hold) held.splice(0).forEach((deliver) => deliver());
    },
    close: async () => {
      try {
        await page.close();
      } finally {
        restore();
      }
    },
  };
}

/** The inventory harness, fresh for each test of the enclosing describe block. */
export const inventoryForEachTest = (): Harness => eachTest(startHarness);

export type Created = RouteOutput<'inventory.create'>;

/** Items created through the real route, numbered so their order is known. */
export async function seed(
  h: PageHarness,
  count: number,
  extra: (i: number) => Partial<RouteInput<'inventory.create'>> = () => ({}),
): Promise<Created[]> {
  const out: Created[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(4, '0');
    out.push(
      await h.call('inventory.create', {
        sku: `SKU-${n}`,
        title: `Item ${n}`,
        listPrice: 10 + i,
        quantity: 2,
        ...extra(i),
      }),
    );
  }
  return out;
}

/** Many items in one call, through the CSV import route (SKU-0000… with descending update order). */
export async function seedMany(h: PageHarness, count: number): Promise<void> {
  const lines = ['SKU,Title,Quantity,List price'];
  for (let i = 0; i < count; i++) lines.push(`SKU-${String(i).padStart(4, '0')},Item ${i},2,${10 + i}`);
  await h.call('inventory.import.run', { text: lines.join('\n'), fileName: 'seed.csv' });
}
