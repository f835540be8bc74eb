/**
 * A FlipSync core in its own process, for kill tests. It starts on the data folder (which
 * finishes whatever the previous, killed process left), checks that what the previous
 * operation promised holds, then runs one import or bulk edit and, when told, kills itself
 * with SIGKILL while its Nth write to the inventory database is in flight (plus a few
 * milliseconds), as a crash or `kill -9` would.
 *
 * Runs when FLIPSYNC_KILL_CHILD=1; argv[2] is a file holding one JSON object (see ChildTask). Prints a JSON line: the writes it issued and
 * what it found wrong on start (the parent fails the test on any).
 */
import { readFile } from 'node:fs/promises';
import { createBrowserPlatform } from '../../../src/main/browser/platform';
import { createCore, type Core } from '../../../src/main/core/core';
import type { ItemDoc } from '../../../src/main/core/inventory/docs';
import type { OperationSummary } from '../../../src/shared/api';

export interface ChildTask {
  dataDir: string;
  kind: 'import' | 'bulkEdit';
  operationId: string;
  /** Kill at this inventory write (0: run to the end). */
  killAt: number;
  extraMs: number;
  /** An import's CSV file. */
  csvFile?: string;
  /** What must hold on start: every item's price and quantity. */
  expect: { items: number; prices: Record<string, number>; quantity: number | null } | null;
  /** The previous operation, when it was killed: its notice must say it was finished whole. */
  finished: { id: string; count: number } | null;
}

const inProcess = { transport: 'in-process' } as const;

export async function problems(core: Core, task: Pick<ChildTask, 'expect' | 'finished'>): Promise<string[]> {
  const found: string[] = [];
  if (task.expect) {
    const res = await core.inventory.db.allDocs<ItemDoc>({
      startkey: 'item:',
      endkey: 'item:\uffff',
      include_docs: true,
    });
    if (res.rows.length !== task.expect.items) found.push(`${res.rows.length} items, not ${task.expect.items}`);
    for (const { doc } of res.rows) {
      const want = task.expect.prices[doc!.fields.sku];
      if (doc!.fields.listPrice !== want) found.push(`${doc!.fields.sku}: price ${doc!.fields.listPrice}, not ${want}`);
      const quantity = core.inventory.index.quantity(doc!._id);
      if (task.expect.quantity !== null && quantity !== task.expect.quantity) {
        found.push(`${doc!.fields.sku}: quantity ${quantity}, not ${task.expect.quantity}`);
      }
    }
  }
  if (task.finished) {
    const notices = await core.dispatch('operations.notices', {}, inProcess);
    const notice = notices.ok ? (notices.data as OperationSummary[]).find((n) => n.id === task.finished!.id) : null;
    const r = notice?.result ?? {};
    const count = notice?.kind === 'import' ? (r.created ?? 0) + (r.updated ?? 0) : r.changed;
    if (notice?.state !== 'done' || count !== task.finished.count) {
      found.push(`the notice of the interrupted operation says ${JSON.stringify(notice ?? null)}`);
    }
  }
  return found.slice(0, 20);
}

async function main(task: ChildTask) {
  const core = await createCore(createBrowserPlatform(task.dataDir, '0.0.0-test'));
  const found = await problems(core, task);
  const db = core.inventory.db;
  const original = db.bulkDocs.bind(db) as (...args: unknown[]) => Promise<unknown>;
  let writes = 0;
  (db as unknown as { bulkDocs: unknown }).bulkDocs = (...args: unknown[]) => {
    const pending = original(...args);
    if (++writes === task.killAt) setTimeout(() => process.kill(process.pid, 'SIGKILL'), task.extraMs);
    return pending;
  };
  const result =
    task.kind === 'import'
      ? await core.dispatch(
          'inventory.import.run',
          { text: await readFile(task.csvFile!, 'utf8'), fileName: 'stock.csv', importId: task.operationId },
          inProcess,
        )
      : await core.dispatch(
          'inventory.bulkEdit',
          { filter: {}, change: { price: { byPercent: 10 } }, operationId: task.operationId },
          inProcess,
        );
  if (!result.ok) throw new Error(result.error.message);
  await core.close();
  process.stdout.write(JSON.stringify({ writes, problems: found }));
}

// Run only as the child process (the test imports `problems` from here too).
if (process.env.FLIPSYNC_KILL_CHILD === '1') {
  await main(JSON.parse(await readFile(process.argv[2]!, 'utf8')) as ChildTask);
}
