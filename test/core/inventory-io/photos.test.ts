import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, callFails } from './helpers';

const image = (width: number, height: number, format: 'jpeg' | 'png', color = '#c03030') => {
  const canvas = sharp({ create: { width, height, channels: 3, background: color } });
  return (format === 'jpeg' ? canvas.jpeg() : canvas.png()).toBuffer();
};
const sha256 = (bytes: Buffer) =>
  createHash('sha256')
    .update(bytes as unknown as Uint8Array)
    .digest('hex');
const decode = (url: string) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');

describe('item photos', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let photosDir: string;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
    photosDir = path.join(dir.path, 'photos');
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  const files = async (sub = '') => (await readdir(path.join(photosDir, sub))).filter((f) => f !== 'thumbs').sort();

  it('stores a photo once by content hash, with a 256 px thumbnail, and references it from the item', async () => {
    const item = await call(core, 'inventory.create', { sku: 'CAM-1', title: 'Camera' });
    const jpeg = await image(1200, 800, 'jpeg');
    const added = await call(core, 'photos.add', {
      itemId: item.id,
      fileName: 'front.jpg',
      base64: jpeg.toString('base64'),
    });
    expect(added.photo).toEqual({ hash: sha256(jpeg), ext: 'jpg', width: 1200, height: 800 });
    expect(added.item.photos).toEqual([added.photo]);
    expect(added.item.rev).not.toBe(item.rev);
    expect(await files()).toEqual([`${sha256(jpeg)}.jpg`]);
    expect(await files('thumbs')).toEqual([`${sha256(jpeg)}.webp`]);

    const thumb = await call(core, 'photos.get', { hash: added.photo.hash, size: 'thumb' });
    expect(thumb.url).toMatch(/^data:image\/webp;base64,/);
    expect(await sharp(decode(thumb.url)).metadata()).toMatchObject({ format: 'webp', width: 256, height: 171 });
    const full = await call(core, 'photos.get', { hash: added.photo.hash, size: 'full' });
    expect(full.mimeType).toBe('image/jpeg');
    expect(decode(full.url).equals(jpeg)).toBe(true);

    // The same bytes again (on this item as a data: URL, and on another item): one file, no second reference.
    const again = await call(core, 'photos.add', {
      itemId: item.id,
      fileName: 'copy.jpg',
      base64: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    });
    expect(again.item.photos).toHaveLength(1);
    expect(again.item.rev).toBe(added.item.rev);
    const other = await call(core, 'inventory.create', { sku: 'CAM-2', title: 'Second camera' });
    await call(core, 'photos.add', { itemId: other.id, fileName: 'same.jpg', base64: jpeg.toString('base64') });
    const png = await image(100, 50, 'png', '#3030c0');
    const second = await call(core, 'photos.add', {
      itemId: item.id,
      fileName: 'back.png',
      base64: png.toString('base64'),
    });
    expect(second.item.photos.map((p) => p.ext)).toEqual(['jpg', 'png']);
    expect(await files()).toHaveLength(2);
    // A small photo is not enlarged.
    const smallThumb = await call(core, 'photos.get', { hash: sha256(png), size: 'thumb' });
    expect(await sharp(decode(smallThumb.url)).metadata()).toMatchObject({ width: 100, height: 50 });
    // The list row shows the first photo; no bytes went into the database.
    const row = (await call(core, 'inventory.list', { q: 'CAM-1' })).items[0];
    expect(row?.photo).toEqual(added.photo);
    const docs = await core.inventory.db.allDocs({ include_docs: true, attachments: true });
    expect(JSON.stringify(docs).length).toBeLessThan(20_000);
  });

  it('removes a photo from an item and deletes its files once no item uses it', async () => {
    const a = await call(core, 'inventory.create', { sku: 'A', title: 'A' });
    const b = await call(core, 'inventory.create', { sku: 'B', title: 'B' });
    const jpeg = await image(300, 300, 'jpeg');
    const base64 = jpeg.toString('base64');
    const { photo } = await call(core, 'photos.add', { itemId: a.id, fileName: 'a.jpg', base64 });
    await call(core, 'photos.add', { itemId: b.id, fileName: 'b.jpg', base64 });

    const first = await call(core, 'photos.remove', { itemId: a.id, hash: photo.hash });
    expect(first).toMatchObject({ fileDeleted: false, item: { photos: [] } });
    expect(await files()).toHaveLength(1);
    const second = await call(core, 'photos.remove', { itemId: b.id, hash: photo.hash });
    expect(second).toMatchObject({ fileDeleted: true, item: { photos: [] } });
    expect(await files()).toEqual([]);
    expect(await files('thumbs')).toEqual([]);
    const gone = await callFails(core, 'photos.get', { hash: photo.hash });
    expect(gone).toMatchObject({ code: 'NOT_FOUND', message: 'This photo is not on this device.' });
  });

  it('makes a missing thumbnail again from the full photo', async () => {
    const item = await call(core, 'inventory.create', { sku: 'T', title: 'T' });
    const jpeg = await image(600, 600, 'jpeg');
    const { photo } = await call(core, 'photos.add', {
      itemId: item.id,
      fileName: 't.jpg',
      base64: jpeg.toString('base64'),
    });
    await rm(path.join(photosDir, 'thumbs'), { recursive: true });
    const thumb = await call(core, 'photos.get', { hash: photo.hash });
    expect(await sharp(decode(thumb.url)).metadata()).toMatchObject({ width: 256, height: 256 });
    expect(await files('thumbs')).toEqual([`${photo.hash}.webp`]);
  });

  it('rejects files that are not images, too large, or for an item that does not exist, writing nothing', async () => {
    const item = await call(core, 'inventory.create', { sku: 'R', title: 'R' });
    const text = Buffer.from('%PDF-1.7 not a photo at all').toString('base64');
    const notImage = await callFails(core, 'photos.add', { itemId: item.id, fileName: 'invoice.pdf', base64: text });
    expect(notImage).toMatchObject({ code: 'BAD_REQUEST', message: 'invoice.pdf is not a photo FlipSync can use.' });
    expect(notImage.hint).toMatch(/JPEG, PNG, WebP or GIF/);

    const huge = Buffer.alloc(25 * 1024 * 1024 + 10, 0xff).toString('base64');
    const tooBig = await callFails(core, 'photos.add', { itemId: item.id, fileName: 'huge.jpg', base64: huge });
    expect(tooBig).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 25 MB/) });

    const garbled = await callFails(core, 'photos.add', { itemId: item.id, fileName: 'x.jpg', base64: '***' });
    expect(garbled.message).toMatch(/did not arrive as base64/);

    const jpeg = (await image(10, 10, 'jpeg')).toString('base64');
    const missing = await callFails(core, 'photos.add', {
      itemId: 'item:01JZZZZZZZZZZZZZZZZZZZZZZZ',
      fileName: 'a.jpg',
      base64: jpeg,
    });
    expect(missing.code).toBe('NOT_FOUND');
    await expect(readdir(photosDir)).rejects.toThrow();
    expect((await call(core, 'inventory.get', { id: item.id })).photos).toEqual([]);
  });

  it('says a cut-off photo is cut off (not that it is an iPhone photo), for JPEG and PNG alike', async () => {
    const item = await call(core, 'inventory.create', { sku: 'CUT-1', title: 'Lamp' });
    // Noise, so the picture data is long and cutting it leaves a readable header.
    const noise = Buffer.from(Array.from({ length: 400 * 300 * 3 }, (_, i) => (i * 7919) % 251));
    for (const format of ['jpeg', 'png'] as const) {
      const raw = sharp(noise, { raw: { width: 400, height: 300, channels: 3 } });
      const whole = await (format === 'jpeg' ? raw.jpeg() : raw.png()).toBuffer();
      const cut = whole.subarray(0, Math.floor(whole.length / 2));
      const error = await callFails(core, 'photos.add', {
        itemId: item.id,
        fileName: `cut.${format}`,
        base64: cut.toString('base64'),
      });
      expect(error.message).toMatch(new RegExp(`cut\\.${format} could not be read as an image`));
      expect(error.hint).toMatch(/ends too early \(an interrupted download or copy\)/);
      expect(error.hint).not.toMatch(/HEIC/);
    }
    expect((await call(core, 'inventory.get', { id: item.id })).photos).toEqual([]);
  });
});
