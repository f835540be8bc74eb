import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import type { Item, PhotoRef } from '../../../src/shared/domain/inventory';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { eventually, startDevice, type Device } from './devices';

const USER = { username: 'seller', password: 'photos-test-pw' };
const DAY = 24 * 60 * 60 * 1000;

/** A real JPEG; each colour gives different bytes. */
const jpeg = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
const originalFile = (d: Device, p: PhotoRef) => path.join(d.dataDir, 'photos', `${p.hash}.${p.ext}`);
const thumbFile = (d: Device, p: PhotoRef) => path.join(d.dataDir, 'photos', 'thumbs', `${p.hash}.webp`);

async function addPhoto(d: Device, itemId: string, bytes: Buffer): Promise<PhotoRef> {
  const { photo } = await d.call<{ photo: PhotoRef }>('photos.add', {
    itemId,
    fileName: 'front.jpg',
    base64: bytes.toString('base64'),
  });
  return photo;
}

const get = (d: Device, hash: string, size: 'thumb' | 'full') =>
  d.call<{ url: string; bytes: number }>('photos.get', { hash, size });

describe('photos through CouchDB', () => {
  let server: CouchServer;
  let a: Device;
  let b: Device;
  const syncOn = (d: Device, photoOriginals: 'all' | 'on-demand' | 'never' = 'all') =>
    d
      .call('settings.set', { sync: { photoOriginals } })
      .then(() => d.call('sync.configure', { url: server.url, ...USER, enabled: true }));
  const item = (d: Device, sku: string) => d.call<Item>('inventory.create', { sku, title: `Item ${sku}`, quantity: 1 });

  beforeEach(async () => {
    server = await startCouchServer({ user: USER });
    [a, b] = await Promise.all([startDevice(), startDevice()]);
  });
  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
    await server.close();
  });

  it('a photo added on one device appears on the other, thumbnail and original, as files the app shows', async () => {
    await Promise.all([syncOn(a), syncOn(b)]);
    const arrived: EventPayload<'photos.arrived'>[] = [];
    b.core.events.on('photos.arrived', (e) => arrived.push(e));
    const laptop = await item(a, 'CAM-1');
    const photo = await addPhoto(a, laptop.id, await jpeg(200, 40, 40));

    await eventually(async () =>
      expect((await b.call<Item>('inventory.get', { id: laptop.id })).photos).toEqual([photo]),
    );
    await eventually(async () => {
      expect(await exists(thumbFile(b, photo))).toBe(true);
      expect(await exists(originalFile(b, photo))).toBe(true);
    }, 30_000);
    expect(await readFile(originalFile(b, photo))).toEqual(await readFile(originalFile(a, photo)));
    expect((await get(b, photo.hash, 'thumb')).url).toBe((await get(a, photo.hash, 'thumb')).url);
    expect((await get(b, photo.hash, 'full')).url).toBe((await get(a, photo.hash, 'full')).url);
    expect(arrived.flatMap((e) => e.hashes)).toContain(photo.hash);
    // Each in its own stream, shown in the status like the other databases.
    const names = (await b.status()).databases.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['photos', 'originals']));
  });

  it('on demand, only the thumbnail comes until the seller opens the photo; with never, the original stays home', async () => {
    await Promise.all([syncOn(a), syncOn(b, 'on-demand')]);
    const shelf = await item(a, 'LAMP-1');
    const photo = await addPhoto(a, shelf.id, await jpeg(40, 200, 40));
    // The original is on the server, and B is caught up, yet B has only the thumbnail.
    await eventually(() => expect(server.db('flipsync-originals').get(photo.hash)).resolves.toBeTruthy(), 30_000);
    await eventually(async () => {
      expect(await exists(thumbFile(b, photo))).toBe(true);
      expect((await b.status()).upToDate).toBe(true);
    }, 30_000);
    expect(await exists(originalFile(b, photo))).toBe(false);

    // Opening it fetches it.
    expect((await get(b, photo.hash, 'full')).url).toBe((await get(a, photo.hash, 'full')).url);
    expect(await readFile(originalFile(b, photo))).toEqual(await readFile(originalFile(a, photo)));

    // B with "never": its own originals do not leave it, its thumbnails do.
    await b.call('settings.set', { sync: { photoOriginals: 'never' } });
    const own = await addPhoto(b, shelf.id, await jpeg(40, 40, 200));
    await eventually(() => expect(server.db('flipsync-photos').get(own.hash)).resolves.toBeTruthy(), 30_000);
    await eventually(async () => expect((await b.status()).upToDate).toBe(true), 30_000);
    await expect(server.db('flipsync-originals').get(own.hash)).rejects.toMatchObject({ status: 404 });
    // Nor is a second copy kept for sync on B: the file is its only copy.
    await expect(b.core.photos.replica.databases.originals.get(own.hash)).rejects.toMatchObject({ status: 404 });
    expect((await b.status()).databases.map((d) => d.name)).not.toContain('originals');
  });

  it('the same photo added on both devices is stored once, and photos added before sync go in when it starts', async () => {
    const bytes = await jpeg(120, 120, 30);
    const [onA, onB] = [await item(a, 'BAG-A'), await item(b, 'BAG-B')];
    const [photoA, photoB] = [await addPhoto(a, onA.id, bytes), await addPhoto(b, onB.id, bytes)];
    expect(photoA.hash).toBe(photoB.hash);
    // Sync was off: nothing went into the photos databases yet.
    expect((await a.core.photos.replica.hashes()).size).toBe(0);

    await Promise.all([syncOn(a), syncOn(b)]);
    for (const d of [a, b]) await eventually(async () => expect((await d.status()).upToDate).toBe(true), 30_000);
    for (const name of ['flipsync-photos', 'flipsync-originals']) {
      const db = server.db(name);
      await eventually(async () => expect((await db.info()).doc_count).toBe(1), 30_000);
      const doc = await db.get(photoA.hash, { conflicts: true });
      expect(doc._conflicts ?? []).toEqual([]);
    }
  });

  it('a photo no item shows any more is removed after the grace period, on both devices', async () => {
    await Promise.all([syncOn(a), syncOn(b)]);
    const vase = await item(a, 'VASE-1');
    const photo = await addPhoto(a, vase.id, await jpeg(90, 30, 160));
    await eventually(async () => expect(await exists(originalFile(b, photo))).toBe(true), 30_000);

    await a.call('photos.remove', { itemId: vase.id, hash: photo.hash });
    await eventually(async () => expect((await b.call<Item>('inventory.get', { id: vase.id })).photos).toEqual([]));
    const now = Date.now();
    // Inside the grace period nothing goes (an edit elsewhere may still show it).
    expect(await b.core.photos.collect(now)).toEqual({ removed: [], waiting: 1 });
    expect(await exists(originalFile(b, photo))).toBe(true);
    expect((await b.core.photos.collect(now + 8 * DAY)).removed).toEqual([photo.hash]);

    for (const d of [a, b]) {
      await eventually(async () => {
        expect(await exists(originalFile(d, photo))).toBe(false);
        expect(await exists(thumbFile(d, photo))).toBe(false);
        expect((await d.core.photos.replica.hashes()).has(photo.hash)).toBe(false);
      }, 30_000);
    }
    await expect(server.db('flipsync-originals').get(photo.hash)).rejects.toMatchObject({ status: 404 });
  });

  it('a photo removed elsewhere stays on a device whose item still shows it, and goes back into sync', async () => {
    await Promise.all([syncOn(a), syncOn(b)]);
    const [kept, other] = [await item(a, 'KEEP-1'), await item(a, 'KEEP-2')];
    const photo = await addPhoto(a, kept.id, await jpeg(10, 90, 90));
    await eventually(async () => expect(await exists(originalFile(b, photo))).toBe(true), 30_000);
    // B, offline, puts the photo on another item; A, meanwhile, drops it and collects it.
    await server.stop();
    await b.call('inventory.update', {
      id: other.id,
      rev: (await b.call<Item>('inventory.get', { id: other.id })).rev,
      changes: { photos: [photo] },
    });
    await a.call('photos.remove', { itemId: kept.id, hash: photo.hash });
    await a.core.photos.collect(Date.now());
    await a.core.photos.collect(Date.now() + 8 * DAY);
    await server.restart();

    await eventually(async () => {
      expect((await a.call<Item>('inventory.get', { id: other.id })).photos).toEqual([photo]);
      expect(await exists(originalFile(a, photo))).toBe(true);
    }, 30_000);
    expect(await exists(originalFile(b, photo))).toBe(true);
  });
});
