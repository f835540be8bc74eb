/**
 * Shared set-up for the inventory component tests: a real core on a temp LevelDB folder,
 * fresh stores, and a layout for jsdom (which lays nothing out) so the virtualized table has
 * a viewport to fill.
 */
import { cleanup } from '@testing-library/react';
import { setTransport } from '../../src/renderer/src/api/transport';
import type { Core } from '../../src/main/core/core';
import { useItemEditor } from '../../src/renderer/src/stores/inventory-editor';
import { useImportWizard } from '../../src/renderer/src/stores/inventory-import';
import { useInlineEdit } from '../../src/renderer/src/stores/inventory-inline';
import { useBulkActions } from '../../src/renderer/src/stores/inventory-bulk';
import { useInventoryTable } from '../../src/renderer/src/stores/inventory-table';
import { useSyncStore } from '../../src/renderer/src/stores/inventory-sync';
import { startCore } from '../support/core';
import { tempDir } from '../support/temp-dir';
import { inProcessTransport } from './in-process-transport';

export const inProc = { transport: 'in-process' } as const;

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

export interface Harness {
  core: Core;
  /** While true, core events wait; false delivers them in order. */
  holdEvents(hold: boolean): void;
  call<T = unknown>(route: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = await tempDir();
  const core = await startCore(dir.path);
  // Events can be held back, to act out "the window has not heard of that change yet".
  let holding = false;
  const held: (() => void)[] = [];
  const inner = inProcessTransport(core);
  setTransport({
    ...inner,
    on: (event, listener) =>
      inner.on(event, (payload) => (holding ? held.push(() => listener(payload)) : listener(payload))),
  });
  useInventoryTable.setState(useInventoryTable.getInitialState(), true);
  useItemEditor.setState(useItemEditor.getInitialState(), true);
  useImportWizard.setState(useImportWizard.getInitialState(), true);
  useInlineEdit.setState(useInlineEdit.getInitialState(), true);
  useBulkActions.setState(useBulkActions.getInitialState(), true);
  useSyncStore.setState(useSyncStore.getInitialState(), true);
  const restore = fakeViewport();
  window.location.hash = '#/inventory';
  return {
    core,
    holdEvents: (hold: boolean) => {
      holding = hold;
      if (!hold) held.splice(0).forEach((deliver) => deliver());
    },
    call: async <T>(route: string, input: unknown) => {
      const r = (await core.dispatch(route as never, input as never, inProc)) as
        { ok: true; data: T } | { ok: false; error: { message: string } };
      if (!r.ok) throw new Error(`${route}: ${r.error.message}`);
      return r.data;
    },
    close: async () => {
      cleanup();
      restore();
      setTransport(null);
      await core.close();
      await dir.remove();
    },
  };
}

export interface Created {
  id: string;
  rev: string;
  sku: string;
  quantity: number;
}

/** Items created through the real route, numbered so their order is known. */
export async function seed(h: Harness, count: number, extra: (i: number) => object = () => ({})): Promise<Created[]> {
  const out: Created[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(4, '0');
    out.push(
      await h.call<Created>('inventory.create', {
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
export async function seedMany(h: Harness, count: number): Promise<void> {
  const lines = ['SKU,Title,Quantity,List price'];
  for (let i = 0; i < count; i++) lines.push(`SKU-${String(i).padStart(4, '0')},Item ${i},2,${10 + i}`);
  await h.call('inventory.import.run', { text: lines.join('\n'), fileName: 'seed.csv' });
}
