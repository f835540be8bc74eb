/**
 * Backup and restore of N items (default 100k; FLIPSYNC_BENCH_BACKUP_N) through the real
 * core — "Back up now" into a zip, then restore into a fresh FlipSync until the inventory
 * shows every item — against two references measured in the same run:
 *  - copying the LevelDB folders out and back in (what a seller would do by hand with the
 *    app closed): the target, ≤ 3×;
 *  - raw PouchDB reading the same documents (allDocs pages) and writing them into an empty
 *    database (bulkDocs, new_edits: false): the floor of any backup made of documents.
 * The data folder is filled before the core starts, as a seller's is: the core's live feeds
 * are idle when the backup starts, so the figure is the backup's, not their catching up.
 */
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { createCore } from '../../src/main/core/core';
import { newItemDoc } from '../../test/core/sync/devices';
import { tempDir } from '../../test/support/temp-dir';
import { ms, now, type BenchRow } from '../harness';

const N = Number(process.env.FLIPSYNC_BENCH_BACKUP_N ?? 100_000);
const opts = { adapter: 'leveldb' } as object;

async function fillDataFolder(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'db'), { recursive: true });
  const inventory = new PouchDB(path.join(dir, 'db', 'inventory'), opts);
  const at = new Date().toISOString();
  for (let i = 0; i < N; i += 5000) {
    const docs = Array.from({ length: Math.min(5000, N - i) }, (_, k) =>
      newItemDoc({ sku: `BK-${i + k}`, title: `Bench item ${i + k}`, listPrice: (i + k) % 500 }, at),
    );
    await inventory.bulkDocs(docs);
  }
  await inventory.close();
}

/** Raw PouchDB: every document of the folder's inventory read in pages and written to an empty database. */
async function rawCopy(fromDir: string, toDir: string): Promise<number> {
  const from = new PouchDB(path.join(fromDir, 'db', 'inventory'), opts);
  const to = new PouchDB(path.join(toDir, 'raw-inventory'), opts);
  const start = now();
  let after: string | null = null;
  for (;;) {
    const page: PouchDB.Core.AllDocsResponse<object> = await from.allDocs({
      include_docs: true,
      conflicts: true,
      limit: 2000,
      ...(after === null ? {} : { startkey: after, skip: 1 }),
    });
    if (page.rows.length === 0) break;
    await to.bulkDocs(
      page.rows.map((r) => r.doc!),
      { new_edits: false },
    );
    after = page.rows.at(-1)!.id;
  }
  const took = ms(start);
  await Promise.all([from.close(), to.close()]);
  return took;
}

export async function backupRows(area: string): Promise<BenchRow[]> {
  const source = await tempDir('flipsync-bench-backup-');
  const target = await tempDir('flipsync-bench-restore-');
  const copies = await tempDir('flipsync-bench-copy-');
  try {
    await fillDataFolder(source.path);

    let start = now();
    await cp(path.join(source.path, 'db'), path.join(copies.path, 'db'), { recursive: true });
    const copyOutMs = ms(start);
    start = now();
    await cp(path.join(copies.path, 'db'), path.join(copies.path, 'db-back'), { recursive: true });
    const copyInMs = ms(start);
    const rawMs = await rawCopy(source.path, copies.path);

    // Starting builds the inventory index (not measured: it is the app starting, not the backup).
    const core = await createCore(createBrowserPlatform(source.path, 'bench'));
    await core.inventory.live.settle();
    start = now();
    const file = await core.backup.backUp('manual');
    const backupMs = ms(start);
    await core.close();

    const fresh = await createCore(createBrowserPlatform(target.path, 'bench'));
    start = now();
    const counts = await fresh.backup.restore(file.file);
    const restoreMs = ms(start);
    await fresh.inventory.live.settle();
    const shownMs = ms(start);
    const shown = fresh.inventory.index.size;
    await fresh.close();
    if (counts.databases.inventory !== N || shown !== N) {
      throw new Error(`restored ${counts.databases.inventory} documents, the inventory shows ${shown}, of ${N}`);
    }

    const value = backupMs + shownMs;
    const reference = copyOutMs + copyInMs;
    const figure = `backup + restore of ${N} items (zip ${(file.bytes / 1e6).toFixed(1)} MB; backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms, all shown ${Math.round(shownMs)} ms)`;
    return [
      {
        area,
        figure,
        value,
        unit: 'ms',
        reference: 'copying the LevelDB folders out and back in',
        referenceValue: reference,
        ratio: value / reference,
        target: '≤ 3× copying the folders',
        met: value / reference <= 3,
      },
      {
        area,
        figure: `backup + restore of ${N} items`,
        value,
        unit: 'ms',
        reference: 'raw PouchDB allDocs read + bulkDocs(new_edits: false) write of the same documents',
        referenceValue: rawMs,
        ratio: value / rawMs,
        target: '≤ 3× raw PouchDB (the floor of a backup made of documents)',
        met: value / rawMs <= 3,
      },
    ];
  } finally {
    await Promise.all([source.remove(), target.remove(), copies.remove()]);
  }
}
