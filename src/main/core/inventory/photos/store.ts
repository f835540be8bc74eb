/**
 * Photo files in the data folder: `photos/<sha256>.<ext>` holds the bytes as the seller gave
 * them (so identical photos are stored once), `photos/thumbs/<sha256>.webp` a 256 px
 * thumbnail. These files are what the app shows (the desktop streams them from disk); the
 * photos database (replica.ts) carries copies between devices in its own sync stream.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PhotoRef } from '@shared/domain/inventory';
import { MAX_PHOTO_BYTES, photoTooLarge } from '@shared/api/photo-limits';
import { AppError } from '../../errors';

export const THUMB_PX = 256;
export const EXTS: PhotoRef['ext'][] = ['jpg', 'png', 'webp', 'gif', 'heic'];
export const MIME: Record<PhotoRef['ext'] | 'thumb', string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  thumb: 'image/webp',
};
const FORMATS: Record<string, PhotoRef['ext']> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif', heif: 'heic' };

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

/** Writes beside the target then renames, so a crash never leaves half a photo under its hash. */
async function writeAtomic(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  // The cast bridges @types/node's Buffer generics and TypeScript's own Uint8Array typing.
  await writeFile(temp, bytes as unknown as Uint8Array);
  await rename(temp, file);
}

/** What to do about a photo whose header reads but whose picture does not, by what is wrong with it. */
export function unreadableHint(format: string | undefined, bytes: Buffer): string {
  if (format === 'heif')
    return 'iPhone HEIC photos are not supported yet: export the photo as JPEG, or set Camera → Formats → Most Compatible.';
  const cutOff =
    (format === 'jpeg' && !(bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9)) ||
    (format === 'png' && !bytes.subarray(-12).includes('IEND', 0, 'latin1'));
  if (cutOff)
    return 'The file ends too early (an interrupted download or copy): copy the photo again from where it came from.';
  return 'The file looks damaged: open it in a photo viewer, save it again as JPEG, and add that.';
}

export class PhotoStore {
  readonly dir: string;
  readonly thumbs: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'photos');
    this.thumbs = path.join(this.dir, 'thumbs');
  }

  private made: Promise<unknown> | null = null;

  /** Makes photos/ and photos/thumbs/ once per run (a write per photo from sync paid for it each time). */
  private folders(): Promise<unknown> {
    this.made ??= mkdir(this.thumbs, { recursive: true }).catch((error: unknown) => {
      this.made = null;
      throw error;
    });
    return this.made;
  }

  /** Writes into photos/ or photos/thumbs/, making them again if they went (removed by hand). */
  private async write(file: string, bytes: Buffer): Promise<void> {
    await this.folders();
    try {
      await writeAtomic(file, bytes);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.made = null;
      await this.folders();
      await writeAtomic(file, bytes);
    }
  }

  fullPath(hash: string, ext: PhotoRef['ext']) {
    return path.join(this.dir, `${hash}.${ext}`);
  }

  thumbPath(hash: string) {
    return path.join(this.thumbs, `${hash}.webp`);
  }

  /** Checks and stores the bytes (once per content) with their thumbnail; answers the reference. */
  async save(fileName: string, bytes: Buffer): Promise<PhotoRef> {
    if (bytes.length === 0) throw new AppError('BAD_REQUEST', `${fileName} is empty.`);
    if (bytes.length > MAX_PHOTO_BYTES) {
      const { message, hint } = photoTooLarge(fileName, bytes.length);
      throw new AppError('BAD_REQUEST', message, hint);
    }
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => null);
    const ext = meta?.format ? FORMATS[meta.format] : undefined;
    if (!meta || !ext) {
      throw new AppError(
        'BAD_REQUEST',
        `${fileName} is not a photo FlipSync can use.`,
        'Add a JPEG, PNG, WebP or GIF image.',
      );
    }
    const hash = createHash('sha256')
      .update(bytes as unknown as Uint8Array)
      .digest('hex');
    const thumb = await this.makeThumb(bytes).catch(() => {
      throw new AppError(
        'BAD_REQUEST',
        `${fileName} could not be read as an image (${meta.format}${meta.compression ? `/${meta.compression}` : ''}).`,
        unreadableHint(meta.format, bytes),
      );
    });
    const full = this.fullPath(hash, ext);
    if (!(await exists(full))) await this.write(full, bytes);
    await this.write(this.thumbPath(hash), thumb);
    // Width and height as the seller sees the photo (EXIF orientation 5–8 swaps them).
    const turned = (meta.orientation ?? 1) >= 5;
    const width = turned ? meta.height : meta.width;
    const height = turned ? meta.width : meta.height;
    return { hash, ext, ...(width && height ? { width, height } : {}) };
  }

  private makeThumb(bytes: Buffer): Promise<Buffer> {
    return sharp(bytes, { animated: false })
      .rotate()
      .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  }

  /** The extension the full file is stored under, or null when it is not on this device. */
  async findExt(hash: string): Promise<PhotoRef['ext'] | null> {
    for (const ext of EXTS) if (await exists(this.fullPath(hash, ext))) return ext;
    return null;
  }

  /** A photo as a data: URL; a missing thumbnail is made again from the full file. */
  async read(hash: string, size: 'thumb' | 'full'): Promise<{ url: string; mimeType: string; bytes: number }> {
    const ext = await this.findExt(hash);
    let bytes: Buffer | null;
    let mimeType: string;
    if (size === 'thumb') {
      mimeType = MIME.thumb;
      bytes = await readFile(this.thumbPath(hash)).catch(() => null);
      if (!bytes && ext) {
        bytes = await this.makeThumb(await readFile(this.fullPath(hash, ext)));
        await this.write(this.thumbPath(hash), bytes);
      }
    } else {
      mimeType = ext ? MIME[ext] : MIME.thumb;
      bytes = ext ? await readFile(this.fullPath(hash, ext)) : null;
    }
    if (!bytes) {
      throw new AppError(
        'NOT_FOUND',
        'This photo is not on this device.',
        'With sync on, it arrives once the device that added it is online (Settings → Sync says whether originals come along); without sync, add the photo here too (the same file is recognised).',
      );
    }
    return { url: `data:${mimeType};base64,${bytes.toString('base64')}`, mimeType, bytes: bytes.length };
  }

  /** The originals in the folder (what the photos database must carry for other devices). */
  async listOriginals(): Promise<{ hash: string; ext: PhotoRef['ext'] }[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const out: { hash: string; ext: PhotoRef['ext'] }[] = [];
    for (const name of names) {
      const match = /^([0-9a-f]{64})\.(\w+)$/.exec(name);
      if (match && EXTS.includes(match[2] as PhotoRef['ext'])) {
        out.push({ hash: match[1]!, ext: match[2] as PhotoRef['ext'] });
      }
    }
    return out;
  }

  /** Hashes with a thumbnail here (a device syncing originals on demand has only these). */
  async listThumbs(): Promise<string[]> {
    const names = await readdir(this.thumbs).catch(() => [] as string[]);
    return names.flatMap((name) => /^([0-9a-f]{64})\.webp$/.exec(name)?.[1] ?? []);
  }

  /** The thumbnail's bytes, or null when it is not here. */
  readThumb(hash: string): Promise<Buffer | null> {
    return readFile(this.thumbPath(hash)).catch(() => null);
  }

  readOriginal(hash: string, ext: PhotoRef['ext']): Promise<Buffer | null> {
    return readFile(this.fullPath(hash, ext)).catch(() => null);
  }

  hasThumb(hash: string): Promise<boolean> {
    return exists(this.thumbPath(hash));
  }

  /** Stores an original that came from elsewhere (sync, a backup); false when its bytes are not `hash`'s. */
  async writeOriginal(hash: string, ext: PhotoRef['ext'], bytes: Buffer): Promise<boolean> {
    const actual = createHash('sha256')
      .update(bytes as unknown as Uint8Array)
      .digest('hex');
    if (actual !== hash || !EXTS.includes(ext)) return false;
    const full = this.fullPath(hash, ext);
    if (!(await exists(full))) await this.write(full, bytes);
    return true;
  }

  /** Stores a thumbnail that came from elsewhere; false when it is not a WebP image. */
  async writeThumb(hash: string, bytes: Buffer): Promise<boolean> {
    const webp =
      bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
    if (!webp || !/^[0-9a-f]{64}$/.test(hash)) return false;
    await this.write(this.thumbPath(hash), bytes);
    return true;
  }

  /** Deletes the photo's files (callers check first that no item uses it). */
  async delete(hash: string): Promise<boolean> {
    const ext = await this.findExt(hash);
    await rm(this.thumbPath(hash), { force: true });
    if (!ext) return false;
    await rm(this.fullPath(hash, ext), { force: true });
    return true;
  }
}
