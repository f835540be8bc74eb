/**
 * Sync benchmark, against a real CouchDB-protocol server (express-pouchdb on LevelDB) on
 * 127.0.0.1, each figure beside raw PouchDB measured in the same run:
 *  - initial sync of N items through the sync service (a real core, live two-way sync of all
 *    three databases) vs a raw one-shot `PouchDB.replicate` with the same batch size;
 *  - live edit propagation device A → server → device B, p95, vs raw live replications;
 *  - photos: 1,000 thumbnails to a second device, and edits arriving while photos replicate
 *    (photos.ts; FLIPSYNC_BENCH_SYNC_ONLY=photos runs only these);
 *  - backup + restore of 100k items vs copying the LevelDB folders, and vs raw PouchDB reading
 *    and writing the same documents (backup.ts; FLIPSYNC_BENCH_SYNC_ONLY=backup runs only these).
 * N defaults to 100k, the size (about 30 s a sync here); FLIPSYNC_BENCH_SYNC_N changes it.
 */
import path from 'node:path';
import PouchDB from 'pouchdb';
import type { ItemDoc } from '../../src/main/core/inventory/docs';
import { DEFAULT_TUNING } from '../../src/main/core/sync/service';
import { newItemDoc } from '../../test/core/sync/devices';
import { startCouchServer, type CouchServer } from '../../test/support/couch-server';
import { tempDir } from '../../test/support/temp-dir';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';
import { backupRows } from './backup';
import { photoRows } from './photos';
import { caughtUp, configure, opts, propagation, remoteOf, sleep, startDevice, USER } from './helpers';

const N = Number(process.env.FLIPSYNC_BENCH_SYNC_N ?? 100_000);
const ROUNDS = Number(process.env.FLIPSYNC_BENCH_SYNC_ROUNDS ?? 2);
const area = 'sync';

async function fill(db: PouchDB.Database, docs: ItemDoc[]) {
  for (let i = 0; i < docs.length; i += 2000) await db.bulkDocs(docs.slice(i, i + 2000));
}

/** Polls the server's copy until every doc is there: the same end mark for raw and service. */
async function arrived(server: CouchServer, name: string, count: number) {
  const db = server.db(name);
  while ((await db.info()).doc_count < count) await sleep(10);
}

async function rawInitial(server: CouchServer, docs: ItemDoc[], dir: string, round: number) {
  const source = new PouchDB(path.join(dir, `raw-${round}`), opts);
  await fill(source, docs);
  const name = `raw-initial-${round}`;
  const target = remoteOf(server, name);
  const start = now();
  const done = source.replicate.to(target, {
    batch_size: DEFAULT_TUNING.batchSize,
    batches_limit: DEFAULT_TUNING.batchesLimit,
  });
  await arrived(server, name, docs.length);
  const elapsed = ms(start);
  await done;
  await Promise.all([source.close(), target.close()]);
  return elapsed;
}

async function serviceInitial(server: CouchServer, docs: ItemDoc[], dir: string, round: number) {
  // Each round has its own server: the service always syncs to flipsync-inventory.
  const device = await startDevice(path.join(dir, `device-${round}`));
  await fill(device.inventory, docs);
  // Let core finish reading the freshly written docs (conflict check) before timing sync.
  await device.core.dispatch('conflicts.list', {}, { transport: 'in-process' });
  const start = now();
  await configure(device.core, server);
  await arrived(server, 'flipsync-inventory', docs.length);
  const elapsed = ms(start);
  await device.core.close();
  return elapsed;
}

/** Alternates raw and service runs (on fresh servers) and keeps each one's best time. */
async function initialSync(docs: ItemDoc[]) {
  const dir = await tempDir('flipsync-bench-sync-');
  const raw: number[] = [];
  const service: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startCouchServer({ user: USER });
      try {
        raw.push(await rawInitial(server, docs, dir.path, round));
        service.push(await serviceInitial(server, docs, dir.path, round));
      } finally {
        await server.close();
      }
    }
    return { raw: Math.min(...raw), service: Math.min(...service) };
  } finally {
    await dir.remove();
  }
}

async function liveEdits(server: CouchServer) {
  const dir = await tempDir('flipsync-bench-live-');
  try {
    const seed = Array.from({ length: 10 }, (_, n) => newItemDoc({ sku: `LIVE-${n}` }, new Date().toISOString()));
    // Raw: two plain databases, each in live two-way replication with the same server db.
    const rawA = new PouchDB(path.join(dir.path, 'rawA'), opts);
    const rawB = new PouchDB(path.join(dir.path, 'rawB'), opts);
    await rawA.bulkDocs(seed.map((d) => ({ ...d })));
    const live = { live: true, retry: true, batch_size: DEFAULT_TUNING.batchSize };
    const handles = [rawA, rawB].map((db) => db.sync(remoteOf(server, 'raw-live'), live));
    while ((await rawB.info()).doc_count < seed.length) await sleep(20);
    const raw = await propagation(
      rawA,
      rawB,
      seed.map((d) => d._id),
    );
    for (const h of handles) h.cancel();
    await Promise.all([rawA.close(), rawB.close()]);

    const a = await startDevice(path.join(dir.path, 'A'));
    const b = await startDevice(path.join(dir.path, 'B'));
    await a.inventory.bulkDocs(seed.map((d) => ({ ...d })));
    await configure(a.core, server);
    await configure(b.core, server);
    while ((await b.inventory.info()).doc_count < seed.length) await sleep(20);
    await Promise.all([a, b].map((d) => caughtUp(d.core)));
    const service = await propagation(
      a.inventory,
      b.inventory,
      seed.map((d) => d._id),
    );
    await Promise.all([a.core.close(), b.core.close()]);
    return { raw, service };
  } finally {
    await dir.remove();
  }
}

const bench: Benchmark = {
  area,
  async run(): Promise<BenchRow[]> {
    // FLIPSYNC_BENCH_SYNC_ONLY=backup runs only the backup figure (the sync ones take minutes).
    if (process.env.FLIPSYNC_BENCH_SYNC_ONLY === 'backup') return backupRows(area);
    // FLIPSYNC_BENCH_SYNC_ONLY=photos runs only the photo figures (photos.ts).
    if (process.env.FLIPSYNC_BENCH_SYNC_ONLY === 'photos') return photoRows(area);
    const at = new Date().toISOString();
    const docs = Array.from({ length: N }, (_, n) =>
      newItemDoc({ sku: `B-${n}`, title: `Bench item ${n}`, listPrice: n % 500 }, at),
    );
    const initial = await initialSync(docs);
    const server = await startCouchServer({ user: USER });
    try {
      const edits = await liveEdits(server);
      const p95 = percentile(edits.service, 95);
      const rawP95 = percentile(edits.raw, 95);
      return [
        {
          area,
          figure: `initial sync of ${N} items (service, live 3 dbs; best of ${ROUNDS})`,
          value: initial.service,
          unit: 'ms',
          reference: `raw PouchDB.replicate, batch_size ${DEFAULT_TUNING.batchSize}`,
          referenceValue: initial.raw,
          ratio: initial.service / initial.raw,
          target: '≤ 1.1× raw replicate',
          met: initial.service / initial.raw <= 1.1,
        },
        {
          area,
          figure: 'live edit propagation A → server → B, p95',
          value: p95,
          unit: 'ms',
          reference: 'raw live PouchDB sync, p95',
          referenceValue: rawP95,
          ratio: p95 / rawP95,
          target: '≤ 200 ms',
          met: p95 <= 200,
        },
        ...(await photoRows(area)),
        ...(await backupRows(area)),
      ];
    } finally {
      await server.close();
    }
  },
};
export default bench;
