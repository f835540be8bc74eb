/**
 * Photos through sync, against the CouchDB-protocol test server, each figure beside a
 * reference measured in the same run:
 *  - 1,000 photo thumbnails reaching a second device (its sync started, until every
 *    thumbnail is written out where the app shows it) vs raw PouchDB replicating the same
 *    server database, attachments and all, into an empty local one (issue: ≤ 1.1×);
 *  - item edits arriving on a device while photos (thumbnails and originals) replicate to it,
 *    p95, vs the same edits once the photos have all arrived (issue: ≤ 200 ms).
 * Device A adds the photos through the photos.add route, as the seller does, with sync on.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import PouchDB from 'pouchdb';
import sharp from 'sharp';
import type { Core } from '../../src/main/core/core';
import type { Item } from '../../src/shared/domain/inventory';
import { startCouchServer } from '../../test/support/couch-server';
import { tempDir } from '../../test/support/temp-dir';
import { ms, now, percentile, type BenchRow } from '../harness';
import { caughtUp, configure, opts, propagation, remoteOf, sleep, startDevice } from './helpers';

const PHOTOS = Number(process.env.FLIPSYNC_BENCH_PHOTOS ?? 1000);
const PER_ITEM = 4;
const step = (what: string) => {
  if (process.env.FLIPSYNC_BENCH_VERBOSE) console.error(`  photos: ${what}`);
};

const call = async <T>(core: Core, route: string, input: unknown): Promise<T> => {
  const result = await core.dispatch(route, input, { transport: 'in-process' });
  if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
  return result.data as T;
};

/** A camera-like JPEG of about 40 KB: noise does not compress, so each photo is distinct and real-sized. */
const photo = () =>
  sharp(randomBytes(320 * 240 * 3), { raw: { width: 320, height: 240, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();

/** Resolves once `core` has written out `count` files (thumbnails, originals) that came by sync. */
function arrivals(core: Core, count: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = core.events.on('photos.arrived', ({ hashes }) => {
      seen += hashes.length;
      if (seen >= count) {
        off();
        resolve();
      }
    });
  });
}

async function until(check: () => Promise<boolean>, what: string, deadlineMs = 600_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench/sync photos: ${what} did not happen in ${deadlineMs / 1000} s`);
    await sleep(20);
  }
}

export async function photoRows(area: string): Promise<BenchRow[]> {
  const dir = await tempDir('flipsync-bench-photos-');
  const server = await startCouchServer({ user: { username: 'bench', password: 'bench-pw' } });
  const devices: { core: Core; inventory: PouchDB.Database }[] = [];
  try {
    const a = await startDevice(path.join(dir.path, 'A'));
    devices.push(a);
    await configure(a.core, server);
    const items: Item[] = [];
    for (let i = 0; i < PHOTOS / PER_ITEM; i++) {
      const item = await call<Item>(a.core, 'inventory.create', {
        sku: `PH-${i}`,
        title: `Photo item ${i}`,
        quantity: 1,
      });
      items.push(item);
      for (let k = 0; k < PER_ITEM; k++) {
        const base64 = (await photo()).toString('base64');
        await call(a.core, 'photos.add', { itemId: item.id, fileName: `p${k}.jpg`, base64 });
      }
    }
    step('A added the photos');
    await until(async () => (await server.db('flipsync-photos').info()).doc_count >= PHOTOS, 'A pushing thumbnails');
    await until(async () => (await server.db('flipsync-originals').info()).doc_count >= PHOTOS, 'A pushing originals');
    await caughtUp(a.core);

    step('A pushed everything');
    // Raw: the server's thumbnails replicated into an empty database, PouchDB's defaults.
    const raw = new PouchDB(path.join(dir.path, 'raw-thumbs'), opts);
    const rawStart = now();
    await raw.replicate.from(remoteOf(server, 'flipsync-photos'));
    const rawMs = ms(rawStart);
    const rawCount = (await raw.info()).doc_count;
    await raw.close();
    if (rawCount < PHOTOS) throw new Error(`raw replication brought ${rawCount} of ${PHOTOS} thumbnails`);

    step('raw replicate done');
    // B: thumbnails only (originals never), from the moment its sync is switched on.
    const b = await startDevice(path.join(dir.path, 'B'));
    devices.push(b);
    await call(b.core, 'settings.set', { sync: { photoOriginals: 'never' } });
    const bThumbs = arrivals(b.core, PHOTOS);
    const serviceStart = now();
    await configure(b.core, server);
    if (process.env.FLIPSYNC_BENCH_VERBOSE) {
      void until(async () => (await b.core.photos.replica.databases.photos.info()).doc_count >= PHOTOS, 'B db').then(
        () => step(`B's photos database complete after ${ms(serviceStart).toFixed(0)} ms`),
      );
    }
    await bThumbs;
    const serviceMs = ms(serviceStart);

    step('B done');
    // C: everything (originals too); edits on A timed while C's photos stream in, then again after.
    const c = await startDevice(path.join(dir.path, 'C'));
    devices.push(c);
    const cAll = arrivals(c.core, PHOTOS * 2);
    let photosDone = false;
    void cAll.then(() => (photosDone = true));
    await configure(c.core, server);
    await until(async () => (await c.inventory.info()).doc_count >= items.length, 'C receiving the items');
    step('C has the items');
    const ids = items.slice(0, 10).map((i) => i.id);
    const during = await propagation(a.inventory, c.inventory, ids);
    const overlapped = !photosDone;
    step('edits during photos done');
    await cAll;
    await caughtUp(c.core);
    const after = await propagation(a.inventory, c.inventory, ids);
    step('edits after done');
    const p95 = percentile(during, 95);
    const quietP95 = percentile(after, 95);
    return [
      {
        area,
        figure: `${PHOTOS} photo thumbnails to a second device (sync on → every thumbnail written out)`,
        value: serviceMs,
        unit: 'ms',
        reference: 'raw PouchDB replicate of the same server database (attachments), defaults',
        referenceValue: rawMs,
        ratio: serviceMs / rawMs,
        target: '≤ 1.1× raw replicate',
        met: serviceMs / rawMs <= 1.1,
      },
      {
        area,
        figure: `live edit A → server → C while ${PHOTOS} photos (thumbnails + originals) replicate to C, p95${overlapped ? '' : ' (photos finished before the edits did)'}`,
        value: p95,
        unit: 'ms',
        reference: 'the same edits once the photos had arrived, p95',
        referenceValue: quietP95,
        ratio: p95 / quietP95,
        target: '≤ 200 ms',
        met: p95 <= 200,
      },
    ];
  } finally {
    for (const d of devices) await d.core.close().catch(() => undefined);
    await server.close();
    await dir.remove();
  }
}
