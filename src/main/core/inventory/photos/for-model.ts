/**
 * Photos as a model sees them: at most MODEL_PX on the long side, JPEG at MODEL_QUALITY,
 * turned upright and without metadata (sharp drops EXIF, so no GPS position or camera serial
 * leaves with them). The original file never leaves the machine; only these copies go in a
 * request, and nothing of them is stored.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { PhotoRef } from '@shared/domain/inventory';
import type { PhotoStore } from './store';

/** Enough for a model to read a label or see a scratch; vision models scale larger images down anyway. */
export const MODEL_PX = 1024;
export const MODEL_QUALITY = 80;
/** Photos per item sent to a model: the first ones are the seller's best views, and each costs tokens. */
export const MODEL_PHOTOS = 4;

export interface ModelImage {
  hash: string;
  /** A data: URL of the JPEG. */
  url: string;
  bytes: number;
  width: number;
  height: number;
}

export interface ModelImages {
  images: ModelImage[];
  /** Photos the item has but whose file is not on this device (added on another one). */
  missing: number;
}

/** The item's first photos, resized for a model, in the item's order. */
export async function imagesForModel(
  store: PhotoStore,
  photos: PhotoRef[],
  limit = MODEL_PHOTOS,
): Promise<ModelImages> {
  const images: ModelImage[] = [];
  let missing = 0;
  for (const photo of photos) {
    if (images.length >= limit) break;
    const ext = await store.findExt(photo.hash);
    // Removed meanwhile (another window) counts as not here, like a photo added on another device.
    const original = ext ? await readFile(store.fullPath(photo.hash, ext)).catch(() => null) : null;
    if (!original) {
      missing++;
      continue;
    }
    const { data, info } = await sharp(original, { animated: false })
      .rotate()
      .resize(MODEL_PX, MODEL_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: MODEL_QUALITY })
      .toBuffer({ resolveWithObject: true });
    images.push({
      hash: photo.hash,
      url: `data:image/jpeg;base64,${data.toString('base64')}`,
      bytes: data.length,
      width: info.width,
      height: info.height,
    });
  }
  return { images, missing };
}
