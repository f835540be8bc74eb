/**
 * Backup and restore of N items (default 100k; FLIPSYNC_BENCH_BACKUP_N) through the real
 * core — "Back up now" into a zip, then restore into a fresh FlipSync until every document
 * is in — against copying the LevelDB folders out and back in (what a seller would do by
 * hand with the app closed), measured in the same run.
 */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { createCore } from '../../src/main/core/core';
import { newItemDoc } from '../../test/core/sync/devices';
import { tempDir } from '../../test/support/temp-dir';
import { ms, now, type BenchRow } from '../harness';

const N = Number(process.env.FLIPSYNC_BENCH_BACKUP_N ?? 100_000);

export async function backupRows(area: string): Promise<BenchRow[]> {
  const source = await tempDir('flipsync-bench-backup-');
  const target = await tempDir('flipsync-bench-restore-');
  const copies = await tempDir('flipsync-bench-copy-');
  try {
    const core = await createCore(createBrowserPlatform(source.path, 'bench'));
    const inventory = new PouchDB(path.join(source.path, 'db', 'inventory'), { adapter: 'leveldb' } as object);
    const at = new Date().toISOString();
    for (let i = 0; i < N; i += 5000) {
      const docs = Array.from({ length: Math.min(5000, N - i) }, (_, k) =>
        newItemDoc({ sku: `BK-${i + k}`, title: `Bench item ${i + k}`, listPrice: (i + k) % 500 }, at),
      );
      await inventory.bulkDocs(docs);
    }
    let start = now();
    const file = await core.backup.backUp('manual');
    const backupMs = ms(start);
    await core.close();

    start = now();
    await cp(path.join(source.path, 'db'), path.join(copies.path, 'db'), { recursive: true });
    const copyOutMs = ms(start);
    start = now();
    await cp(path.join(copies.path, 'db'), path.join(copies.path, 'db-back'), { recursive: true });
    const copyInMs = ms(start);

    const fresh = await createCore(createBrowserPlatform(target.path, 'bench'));
    start = now();
    await fresh.backup.restore(file.file);
    const restoreMs = ms(start);
    const restored = await fresh.dispatch('backup.status', {}, { transport: 'in-process' });
    await fresh.close();
    if (!restored.ok) throw new Error(restored.error.message);

    const value = backupMs + restoreMs;
    const reference = copyOutMs + copyInMs;
    return [
      {
        area,
        figure: `backup + restore of ${N} items (zip ${(file.bytes / 1e6).toFixed(1)} MB; backup ${Math.round(backupMs)} ms, restore ${Math.round(restoreMs)} ms)`,
        value,
        unit: 'ms',
        reference: 'copying the LevelDB folders out and back in',
        referenceValue: reference,
        ratio: value / reference,
        target: '≤ 3× copying the folders',
        met: value / reference <= 3,
      },
    ];
  } finally {
    await Promise.all([source.remove(), target.remove(), copies.remove()]);
  }
}
