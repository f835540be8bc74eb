/**
 * What showing an item's photos to a model costs before the request leaves: four 12-megapixel
 * camera photos resized to the model size (1024 px JPEG), beside sharp's 256 px thumbnails of
 * the same files (what adding a photo already does) measured in the same run. Also the bytes
 * that go in the request against the originals' bytes.
 *
 *   npm run bench vision
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { imagesForModel, MODEL_PHOTOS } from '../../src/main/core/inventory/photos/for-model';
import { PhotoStore, THUMB_PX } from '../../src/main/core/inventory/photos/store';
import type { PhotoRef } from '../../src/shared/domain/inventory';
import { ms, now, percentile, type Benchmark, type BenchRow } from '../harness';

const REPEAT = 7;

/** A noisy photo, so JPEG has real detail to encode (a flat colour would flatter every figure). */
async function cameraPhoto(seed: number): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  let s = seed;
  for (let i = 0; i < raw.length; i++) raw[i] = (s = (s * 16807) % 2147483647) & 0xff;
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.2)
    .jpeg({ quality: 90 })
    .toBuffer();
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = now();
    await fn();
    samples.push(ms(t));
  }
  return percentile(samples, 50);
}

const bench: Benchmark = {
  area: 'vision',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-vision-'));
    try {
      const store = new PhotoStore(dir);
      const originals = await Promise.all(Array.from({ length: MODEL_PHOTOS }, (_, i) => cameraPhoto(i + 3)));
      const refs: PhotoRef[] = [];
      for (const [i, bytes] of originals.entries()) refs.push(await store.save(`p${i}.jpg`, bytes));
      const files = refs.map((r) => store.fullPath(r.hash, r.ext));

      // One after another, as imagesForModel works (one decoded photo in memory at a time).
      const thumbs = await median(async () => {
        for (const f of files)
          await sharp(f).rotate().resize(THUMB_PX, THUMB_PX, { fit: 'inside' }).webp({ quality: 80 }).toBuffer();
      });
      let sent = 0;
      const forModel = await median(async () => {
        const { images } = await imagesForModel(store, refs);
        sent = images.reduce((n, i) => n + i.bytes, 0);
      });
      const original = originals.reduce((n, b) => n + b.length, 0);
      return [
        {
          area: 'vision',
          figure: `${MODEL_PHOTOS} photos of 4000×3000 made ready for a model`,
          value: forModel,
          unit: 'ms',
          reference: `${MODEL_PHOTOS} thumbnails of the same files`,
          referenceValue: thumbs,
          ratio: forModel / thumbs,
          target: '≤ 1000 ms (our target; the issue sets none)',
          met: forModel <= 1000,
        },
        {
          area: 'vision',
          figure: 'bytes in the request',
          value: sent / 1024,
          unit: 'KiB',
          reference: 'the original files',
          referenceValue: original / 1024,
          ratio: sent / original,
          target: 'smaller than the originals',
          met: sent < original,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
