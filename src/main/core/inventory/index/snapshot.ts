/**
 * The index snapshot on disk, so a restart loads one file and replays only the changes
 * since its sequence instead of reading every document. It is a cache: a missing, damaged
 * or older-format file is ignored and the index is rebuilt from the database.
 *
 * Layout: "FSIX" + format byte, a uint32 header length, the JSON header (rows, movements,
 * terms) and the postings as raw Int32 data (JSON would make them several times slower).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IndexDump } from './memory-index';

const MAGIC = 'FSIX';
const FORMAT = 1;

export const snapshotPath = (dataDir: string) => path.join(dataDir, 'cache', 'inventory-index.bin');

export async function writeSnapshot(file: string, dump: IndexDump): Promise<void> {
  const { text, ...rest } = dump;
  const header = Buffer.from(JSON.stringify({ ...rest, terms: text.terms }), 'utf8');
  const head = Buffer.alloc(9);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt8(FORMAT, 4);
  head.writeUInt32LE(header.length, 5);
  const body = Buffer.from(text.slotTerms.buffer, text.slotTerms.byteOffset, text.slotTerms.byteLength);
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash mid-write never leaves a half snapshot in place.
  const tmp = `${file}.${process.pid}.tmp`;
  // The casts bridge @types/node's Buffer generics and TypeScript's own Uint8Array typing.
  await writeFile(tmp, Buffer.concat([head, header, body] as unknown as Uint8Array[]) as unknown as Uint8Array);
  await rename(tmp, file);
}

/** The snapshot, or null when there is none or it cannot be trusted. */
export async function readSnapshot(file: string): Promise<IndexDump | null> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch {
    return null;
  }
  try {
    if (buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt8(4) !== FORMAT) return null;
    const headerLength = buf.readUInt32LE(5);
    const header = JSON.parse(buf.toString('utf8', 9, 9 + headerLength)) as Omit<IndexDump, 'text'> & {
      terms: string[];
    };
    const start = 9 + headerLength;
    // Copy into an aligned buffer: Int32Array needs a 4-byte aligned offset.
    const data = new Int32Array((buf.length - start) / 4);
    new Uint8Array(data.buffer).set(buf.subarray(start));
    const { terms, ...rest } = header;
    if (!Array.isArray(rest.rows) || !Array.isArray(terms)) return null;
    return { ...rest, text: { terms, slotTerms: data } };
  } catch (error) {
    console.warn('[inventory] the index snapshot is unreadable; rebuilding from the database.', error);
    return null;
  }
}

export const removeSnapshot = (file: string) => rm(file, { force: true });
