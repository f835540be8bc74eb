/**
 * Reads a backup zip and proves it whole before anything is restored: the manifest must be
 * FlipSync's, every entry must be one it lists (and only those), with the size, SHA-256 and
 * document count it records, and every database line must be a document. A file cut short,
 * damaged or made by something else is refused with the reason.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors';
import {
  BACKUP_DATABASES,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  dbEntry,
  MANIFEST,
  ManifestSchema,
  PHOTO_ENTRY,
  SETTINGS_ENTRY,
  type Manifest,
} from './manifest';

const NOTHING_CHANGED = 'Nothing was changed.';
const PICK_ANOTHER = 'Copy the backup again from where you keep it, or pick an older backup.';

export class BackupError extends AppError {
  constructor(message: string, hint?: string) {
    super('BAD_REQUEST', message, hint);
    this.name = 'BackupError';
  }
}

export interface BackupZip {
  manifest: Manifest;
  /** Streams one entry's bytes (the zip stays open until close). */
  open(entryPath: string): Promise<Readable>;
  close(): void;
}

const KNOWN = new Set<string>([MANIFEST, SETTINGS_ENTRY, ...BACKUP_DATABASES.map(dbEntry)]);
const allowed = (name: string) => KNOWN.has(name) || PHOTO_ENTRY.test(name);

/** Opens and checks `file`; throws BackupError saying what is wrong with it. */
export async function openBackup(file: string): Promise<BackupZip> {
  const name = path.basename(file);
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`The backup file ${file} cannot be read (${error.code ?? 'error'}).`, 'Pick the file again.');
  });
  if (!info.isFile()) throw new BackupError(`${file} is not a file.`, 'Pick the backup file (.zip).');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, z) =>
      error ? reject(error) : resolve(z),
    ),
  ).catch((error: Error) => {
    throw new BackupError(
      `${name} is damaged or incomplete: it is not a whole zip file (${error.message}). ${NOTHING_CHANGED}`,
      PICK_ANOTHER,
    );
  });
  try {
    const entries = await listEntries(zip, name);
    const open = (entryPath: string) => {
      const entry = entries.get(entryPath);
      if (!entry) throw new BackupError(`${name} has no ${entryPath}. ${NOTHING_CHANGED}`, PICK_ANOTHER);
      return new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (error, stream) =>
          error ? reject(damaged(name, entryPath, error)) : resolve(stream),
        ),
      );
    };
    if (!entries.has(MANIFEST)) {
      throw new BackupError(
        `${name} is not a FlipSync backup (it has no FlipSync manifest). ${NOTHING_CHANGED}`,
        'Pick a file made by Settings → Backup → Back up now, or by an automatic backup.',
      );
    }
    const manifest = parseManifest(await readAll(await open(MANIFEST)), name);
    const listed = new Set(manifest.entries.map((e) => e.path));
    for (const entryPath of entries.keys()) {
      if (entryPath !== MANIFEST && (!listed.has(entryPath) || !allowed(entryPath))) {
        throw new BackupError(
          `${name} holds ${entryPath}, which its manifest does not list. ${NOTHING_CHANGED}`,
          PICK_ANOTHER,
        );
      }
    }
    for (const expected of manifest.entries) {
      if (!allowed(expected.path)) {
        throw new BackupError(
          `${name} lists ${expected.path}, which is not part of a FlipSync backup. ${NOTHING_CHANGED}`,
        );
      }
      const stream = await open(expected.path);
      const hash = createHash('sha256');
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        hash.update(chunk as unknown as Uint8Array);
        bytes += chunk.length;
      });
      let docs = 0;
      if (expected.docs !== undefined) {
        for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
          if (!line) continue;
          if (!isDocumentLine(line)) {
            throw new BackupError(
              `${name} is damaged: ${expected.path} holds a line that is not a document. ${NOTHING_CHANGED}`,
              PICK_ANOTHER,
            );
          }
          docs++;
        }
      } else {
        await new Promise<void>((resolve, reject) => stream.on('end', resolve).on('error', reject));
      }
      if (bytes !== expected.bytes || hash.digest('hex') !== expected.sha256 || docs !== (expected.docs ?? 0)) {
        throw new BackupError(
          `${name} is damaged: ${expected.path} does not match its checksum. ${NOTHING_CHANGED}`,
          PICK_ANOTHER,
        );
      }
    }
    return { manifest, open, close: () => zip.close() };
  } catch (error) {
    zip.close();
    if (error instanceof BackupError) throw error;
    throw damaged(name, 'an entry', error as Error);
  }
}

function damaged(name: string, entryPath: string, error: Error): BackupError {
  return new BackupError(
    `${name} is damaged: ${entryPath} cannot be read (${error.message}). ${NOTHING_CHANGED}`,
    PICK_ANOTHER,
  );
}

function listEntries(zip: yauzl.ZipFile, name: string): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) =>
      reject(new BackupError(`${name} is damaged or incomplete (${error.message}). ${NOTHING_CHANGED}`, PICK_ANOTHER)),
    );
    zip.readEntry();
  });
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks as unknown as Uint8Array[]).toString('utf8');
}

function parseManifest(text: string, name: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${name} is damaged: its manifest is not readable. ${NOTHING_CHANGED}`, PICK_ANOTHER);
  }
  const format = (json as { format?: unknown; version?: unknown } | null)?.format;
  const version = (json as { version?: unknown } | null)?.version;
  if (format !== BACKUP_FORMAT) {
    throw new BackupError(`${name} is not a FlipSync backup (its manifest is someone else's). ${NOTHING_CHANGED}`);
  }
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new BackupError(
      `${name} was made by a newer FlipSync (backup format ${version}). ${NOTHING_CHANGED}`,
      'Update FlipSync on this computer, then restore the backup.',
    );
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new BackupError(`${name} is damaged: its manifest is incomplete. ${NOTHING_CHANGED}`, PICK_ANOTHER);
  }
  return parsed.data;
}

function isDocumentLine(line: string): boolean {
  try {
    const doc = JSON.parse(line) as { _id?: unknown; _rev?: unknown };
    return typeof doc._id === 'string' && typeof doc._rev === 'string';
  } catch {
    return false;
  }
}
