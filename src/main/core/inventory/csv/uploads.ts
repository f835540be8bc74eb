/**
 * CSV files sent in parts. Browser mode carries each call in one WebSocket message with a
 * size cap, so a 47 MB Seller Hub download cannot travel as one call; the renderer sends it
 * as numbered parts, core appends them to a file under `uploads/`, and preview and import
 * name the upload instead of carrying the text again (a mapping change no longer re-sends
 * the file either). Uploads do not outlive the core: a start clears the folder.
 */
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_FILE_CHARS } from '@shared/api/inventory-io';
import { AppError } from '../../errors';

/** Uploads kept at once; a new one beyond this drops the one least recently used. */
const MAX_UPLOADS = 8;

interface Upload {
  parts: number;
  chars: number;
  complete: boolean;
  usedAt: number;
}

export interface UploadPart {
  uploadId: string;
  part: number;
  text: string;
  last: boolean;
}

export class Uploads {
  private readonly uploads = new Map<string, Upload>();
  /** Appends run one after another per upload, in the order the parts arrive. */
  private readonly writing = new Map<string, Promise<unknown>>();
  private clock = 0;

  private constructor(private readonly dir: string) {}

  /** Clears what a previous run left (its parts can never be completed now). */
  static async open(dir: string): Promise<Uploads> {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    return new Uploads(dir);
  }

  async add(input: UploadPart): Promise<{ uploadId: string; chars: number; complete: boolean }> {
    const previous = this.writing.get(input.uploadId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.write(input));
    this.writing.set(input.uploadId, next);
    try {
      return await next;
    } finally {
      if (this.writing.get(input.uploadId) === next) this.writing.delete(input.uploadId);
    }
  }

  /** The whole text of a complete upload. */
  async text(uploadId: string): Promise<string> {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw gone(uploadId);
    if (!upload.complete) {
      throw new AppError(
        'BAD_REQUEST',
        `The file is not fully sent yet (${upload.parts} parts so far).`,
        'Wait for the upload to finish, or choose the file again.',
      );
    }
    upload.usedAt = ++this.clock;
    return readFile(this.file(uploadId), 'utf8');
  }

  async discard(uploadId: string): Promise<boolean> {
    const had = this.uploads.delete(uploadId);
    await rm(this.file(uploadId), { force: true });
    return had;
  }

  private async write({ uploadId, part, text, last }: UploadPart) {
    const end = text.charCodeAt(text.length - 1);
    // Parts are written as UTF-8 one by one: half of a character written alone becomes U+FFFD.
    if (!last && end >= 0xd800 && end <= 0xdbff) {
      throw new AppError(
        'BAD_REQUEST',
        `Part ${part + 1} ends in the middle of a character.`,
        'Cut parts between characters.',
      );
    }
    const known = this.uploads.get(uploadId);
    if (part === 0) {
      if (known) await this.discard(uploadId);
      await this.makeRoom();
      await writeFile(this.file(uploadId), text, 'utf8');
      const upload = { parts: 1, chars: text.length, complete: last, usedAt: ++this.clock };
      this.uploads.set(uploadId, upload);
      return { uploadId, chars: upload.chars, complete: upload.complete };
    }
    if (!known) throw gone(uploadId);
    if (known.complete || part !== known.parts) {
      throw new AppError(
        'BAD_REQUEST',
        `Part ${part + 1} of the file arrived out of order (expected part ${known.parts + 1}${known.complete ? ', and the file was already complete' : ''}).`,
        'Choose the file again to send it from the start.',
      );
    }
    if (known.chars + text.length > MAX_FILE_CHARS) {
      await this.discard(uploadId);
      throw new AppError(
        'BAD_REQUEST',
        `The file is over ${(MAX_FILE_CHARS / 1e6).toFixed(0)} million characters, the most one import takes.`,
        'Split the file into smaller files (for example by category) and import each.',
      );
    }
    await appendFile(this.file(uploadId), text, 'utf8');
    known.parts++;
    known.chars += text.length;
    known.complete = last;
    known.usedAt = ++this.clock;
    return { uploadId, chars: known.chars, complete: known.complete };
  }

  private async makeRoom() {
    while (this.uploads.size >= MAX_UPLOADS) {
      const oldest = [...this.uploads].sort((a, b) => a[1].usedAt - b[1].usedAt)[0]![0];
      await this.discard(oldest);
    }
  }

  private file(uploadId: string) {
    return path.join(this.dir, `${uploadId}.csv`);
  }
}

function gone(uploadId: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `No file was sent under ${uploadId} (or it was replaced by newer files, or FlipSync restarted since).`,
    'Choose the file again.',
  );
}
