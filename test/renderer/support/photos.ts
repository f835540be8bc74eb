/**
 * Photos for the renderer tests: real PNG bytes, and an item that names a photo added on
 * another device (its files are not on this one until sync brings them).
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { PageHarness } from './page';

export const png = (background: string, width = 60, height = 40): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

export const sha256 = (bytes: Buffer): string =>
  createHash('sha256')
    .update(bytes as unknown as Uint8Array)
    .digest('hex');

/** Gives the item a photo it names by hash only; answers the PNG's bytes and hash. */
export async function photoFromElsewhere(h: PageHarness, itemId: string, background: string) {
  const bytes = await png(background);
  const hash = sha256(bytes);
  const current = await h.call('inventory.get', { id: itemId });
  await h.call('inventory.update', {
    id: itemId,
    rev: current.rev,
    changes: { photos: [{ hash, ext: 'png', width: 60, height: 40 }] },
  });
  return { bytes, hash };
}
