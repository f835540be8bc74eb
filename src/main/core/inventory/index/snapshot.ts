/**
 * The index snapshot on disk, so a restart loads one file and replays only the changes
 * since its sequence instead of reading every document. It is a cache: a missing, damaged
 * or older-format file is ignored and the index is rebuilt from the database.
 *
 * Layout: "FSIX", a format byte, three zero bytes, a uint32 header length, the JSON header
 * (sequence, count, the bundle's JSON, and where each array lies), zero padding to a multiple
 * of 8, then the arrays' raw bytes, each starting at a multiple of 8 so it can be read in
 * place as a typed-array view: loading copies nothing and parses only the small header.
 * A CRC-32 of the arrays' bytes, kept in the header, catches a damaged file before any of
 * its numbers reach a query (checking each array's values would cost more than the CRC).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { kindOf, viewOf, type Arr, type ArrKind } from './bundle';
import type { IndexDump } from './memory-index';
import { logger } from '../../log';

const log = logger('inventory');

const MAGIC = 'FSIX';
// 6: ages count from the listed date when the acquired date is unknown.
const FORMAT = 6;
const PREFIX = 12;
let writes = 0;

interface Header {
  crc: number;
  seq: string | number;
  count: number;
  json: Record<string, unknown>;
  arrays: { name: string; kind: ArrKind; offset: number; length: number }[];
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

export const snapshotPath = (dataDir: string) => path.join(dataDir, 'cache', 'inventory-index.bin');

export async function writeSnapshot(file: string, dump: IndexDump): Promise<void> {
  const header: Header = { crc: 0, seq: dump.seq, count: dump.count, json: dump.data.json, arrays: [] };
  const bodies: Uint8Array[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(dump.data.arrays)) {
    const bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
    header.arrays.push({ name, kind: kindOf(arr), offset, length: arr.length });
    bodies.push(bytes, new Uint8Array(pad8(bytes.byteLength)));
    offset += bytes.byteLength + pad8(bytes.byteLength);
  }
  for (const body of bodies) header.crc = crc32(body, header.crc);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(PREFIX);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt8(FORMAT, 4);
  head.writeUInt32LE(json.length, 8);
  const parts = [head, json, new Uint8Array(pad8(PREFIX + json.length)), ...bodies] as unknown as Uint8Array[];
  await mkdir(path.dirname(file), { recursive: true });
  // Write aside and rename, so a crash mid-write never leaves a half snapshot in place.
  const tmp = `${file}.${process.pid}.${++writes}.tmp`;
  // The cast bridges @types/node's Buffer generics and TypeScript's own Uint8Array typing.
  await writeFile(tmp, Buffer.concat(parts) as unknown as Uint8Array);
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
    if (buf.length < PREFIX || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt8(4) !== FORMAT) return null;
    // Views need aligned offsets; a file read on its own is, but make sure.
    if (buf.byteOffset % 8 !== 0) buf = Buffer.from(buf);
    const headerLength = buf.readUInt32LE(8);
    const header = JSON.parse(buf.toString('utf8', PREFIX, PREFIX + headerLength)) as Header;
    const start = PREFIX + headerLength + pad8(PREFIX + headerLength);
    if (crc32(new Uint8Array(buf.buffer, buf.byteOffset + start, buf.length - start)) !== header.crc)
      throw new Error('its checksum does not match');
    const size = { u8: 1, i32: 4, u32: 4, f64: 8 } as const;
    const arrays: Record<string, Arr> = {};
    for (const { name, kind, offset, length } of header.arrays) {
      if (!(kind in size) || offset % 8 !== 0 || start + offset + length * size[kind] > buf.length) return null;
      arrays[name] = viewOf(kind, buf.buffer, buf.byteOffset + start + offset, length);
    }
    if (typeof header.count !== 'number') return null;
    return { seq: header.seq, count: header.count, data: { json: header.json, arrays } };
  } catch (error) {
    log.warn('the index snapshot is unreadable; rebuilding from the database.', error);
    return null;
  }
}

export const removeSnapshot = (file: string) => rm(file, { force: true });
