/**
 * A CSV import killed (SIGKILL, a child process running the core) at 20 seeded random points:
 * after each restart every row's item is either untouched or fully imported with its
 * quantity, and importing the same file again (the same import id) changes nothing more.
 *
 * Kill points are write counts of the child's own databases (its changes feeds), chosen at
 * random between the first and the last write a full run makes, so they fall anywhere: among
 * the journal's intent, inside a step, between an item and its movement, before progress.
 *
 * Size: the first point imports the full 5,000 rows (1,000 of them update existing items) in
 * the app's steps of 2,000. The other 19 import 400 rows (80 updates) in steps of 100, so each
 * still spans several steps and both creates and updates: a restart after a crash replays the
 * whole changes feed (about 10 s per 2,500 items on a loaded two-core machine), and 20 full
 * imports would take most of an hour. A step is the unit the journal repeats, so a point in
 * a small import crosses the same boundaries as one in a large import.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkUpsertBySku } from '../../../src/main/core/inventory/bulk';
import type { Core } from '../../../src/main/core/core';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call } from '../inventory-io/helpers';
import { readInventory, runChild, seeded } from './kill-support';

const POINTS = 20;
const IMPORT_ID = 'kill-test-import';
/** Every 5th SKU of the file already exists (old title, stock 3). */
const exists = (i: number) => i % 5 === 0;
const FULL = { rows: 5000 };
const SMALL = { rows: 400, step: 100 };
const sku = (i: number) => `K-${String(i).padStart(5, '0')}`;
const fileRow = (i: number) => ({ sku: sku(i), title: `Imported ${i}`, quantity: 1 + (i % 9), price: 10 + (i % 50) });

function csv(rows: number): string {
  const lines = ['SKU,Title,Quantity,Price'];
  for (let i = 0; i < rows; i++) {
    const r = fileRow(i);
    lines.push(`${r.sku},${r.title},${r.quantity},${r.price}`);
  }
  return lines.join('\n');
}

let root: Awaited<ReturnType<typeof tempDir>>;
let template: string;

beforeAll(async () => {
  root = await tempDir('flipsync-kill-import-');
  template = path.join(root.path, 'template');
  // Items the file will update: old title, stock 3.
  const core = await startCore(template);
  const old = Array.from({ length: FULL.rows }, (_, i) => i).filter(exists);
  await bulkUpsertBySku(
    core.inventory,
    old.map((i) => ({ fields: { sku: sku(i), title: `Old ${i}` }, quantity: 3 })),
  );
  await core.close();
}, 120_000);

afterAll(() => root.remove());

/** Every SKU of the file as it was before the import, or as the file says: nothing in between. */
async function expectWholeItems(core: Core, rows: number): Promise<'before' | 'after'> {
  const { items } = await readInventory(core.inventory.db);
  const bySku = new Map(items.map((item) => [item.sku, item]));
  expect(bySku.size).toBe(items.length); // no SKU twice
  const states = new Set<string>();
  for (let i = 0; i < rows; i++) {
    const item = bySku.get(sku(i));
    const want = fileRow(i);
    if (item && item.title === want.title) {
      expect({ quantity: item.quantity, price: item.listPrice }).toEqual({
        quantity: want.quantity,
        price: want.price,
      });
      states.add('after');
    } else if (exists(i)) {
      expect({ title: item?.title, quantity: item?.quantity }).toEqual({ title: `Old ${i}`, quantity: 3 });
      states.add('before');
    } else {
      expect(item).toBeUndefined();
      states.add('before');
    }
  }
  // The journal finishes what it recorded: a restart never leaves a half-imported file.
  expect([...states]).toHaveLength(1);
  return [...states][0] as 'before' | 'after';
}

async function killAndCheck(point: number, size: { rows: number; step?: number }, killAt: number | null) {
  const { rows, step } = size;
  const dir = path.join(root.path, `point-${point}`);
  await cp(template, dir, { recursive: true });
  const input = { text: csv(rows), fileName: 'kill.csv', allOrNothing: false, importId: IMPORT_ID };
  const run = await runChild(dir, { route: 'inventory.import.run', input, step }, killAt);
  const core = await startCore(dir);
  try {
    await core.journal.whenRecovered();
    const state = await expectWholeItems(core, rows);
    // The seller's obvious retry: the same import again, then once more.
    const again = await call(core, 'inventory.import.run', input);
    await expectWholeItems(core, rows);
    expect(again.created + again.updated).toBe(rows);
    const seq = (await core.inventory.db.info()).update_seq;
    const third = await call(core, 'inventory.import.run', input);
    expect((await core.inventory.db.info()).update_seq).toBe(seq);
    expect(third).toEqual(again);
    return { ...run, state };
  } finally {
    await core.close();
  }
}

describe('an import killed mid-way', () => {
  it(`is finished or untouched after a restart at each of ${POINTS} random kill points, and a re-run changes nothing`, async () => {
    const random = seeded(14);
    // Runs to the end first: how many items a whole run writes bounds the kill points.
    const fullWrites = (await killAndCheck(0, FULL, null)).writes;
    const smallWrites = (await killAndCheck(1, SMALL, null)).writes;
    const outcomes: { point: number; killAt: number; finished: boolean; state: string }[] = [];
    for (let point = 0; point < POINTS; point++) {
      const [size, writes] = point === 0 ? [FULL, fullWrites] : [SMALL, smallWrites];
      const killAt = 1 + Math.floor(random() * (writes - 1));
      const run = await killAndCheck(point + 2, size, killAt);
      outcomes.push({ point, killAt, finished: run.finished, state: run.state });
    }
    // The kill lands after the chosen write; most points must cut the import short.
    expect(outcomes.filter((o) => !o.finished).length, JSON.stringify(outcomes)).toBeGreaterThanOrEqual(POINTS * 0.75);
  }, 1_800_000);
});
