/**
 * The log folder on disk: `<data folder>/logs/flipsync.<yyyy-MM-dd>.<n>.log`, one file a day
 * (a new number when a day's file reaches its size cap), kept for a week and within a total.
 */
import { open, readdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export const LOG_BASENAME = 'flipsync';
export const LOG_DATE_FORMAT = 'yyyy-MM-dd';
/** Per file; pino-roll starts the next number of the day beyond it. */
export const LOG_FILE_SIZE = '10m';
export const KEEP_DAYS = 7;
/** However busy a week was, the folder never holds more than this. */
export const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

const NAME = /^flipsync\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/;

export const logDirOf = (dataDir: string) => path.join(dataDir, 'logs');

interface LogFile {
  file: string;
  day: string;
  n: number;
}

/** The folder's log files, newest first. */
export async function logFiles(dir: string): Promise<LogFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: LogFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (m) files.push({ file: path.join(dir, name), day: m[1] as string, n: Number(m[2]) });
  }
  return files.sort((a, b) => (a.day === b.day ? b.n - a.n : a.day < b.day ? 1 : -1));
}

const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * Removes files from before the last KEEP_DAYS days, then the oldest beyond MAX_TOTAL_BYTES.
 * `keep` (the file being written) is never removed.
 */
export async function pruneLogs(
  dir: string,
  keep: string | null,
  now = new Date(),
  maxBytes = MAX_TOTAL_BYTES,
): Promise<string[]> {
  const oldest = new Date(now);
  oldest.setDate(oldest.getDate() - (KEEP_DAYS - 1));
  const firstDay = localDay(oldest);
  const removed: string[] = [];
  let total = 0;
  for (const f of await logFiles(dir)) {
    if (f.file === keep) {
      total += await sizeOf(f.file);
      continue;
    }
    const size = await sizeOf(f.file);
    if (f.day < firstDay || total + size > maxBytes) {
      await unlink(f.file).then(
        () => removed.push(f.file),
        () => undefined, // Gone already, or held by another program: tried again next time.
      );
    } else {
      total += size;
    }
  }
  return removed;
}

const sizeOf = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => 0,
  );

/** Enough of each file's end for the lines asked for; a line is one event, stack included. */
const TAIL_BYTES = 1024 * 1024;

/** The last `count` lines across the folder's files, oldest first. */
export async function tailLogs(dir: string, count: number): Promise<string[]> {
  const lines: string[] = [];
  for (const f of await logFiles(dir)) {
    const handle = await open(f.file, 'r').catch(() => null);
    if (!handle) continue;
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - TAIL_BYTES);
      const buffer = new Uint8Array(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      const text = new TextDecoder().decode(buffer).split('\n');
      if (start > 0) text.shift(); // cut mid-line
      lines.unshift(...text.filter((l) => l.trim() !== ''));
    } finally {
      await handle.close();
    }
    if (lines.length >= count) break;
  }
  return lines.slice(-count);
}
