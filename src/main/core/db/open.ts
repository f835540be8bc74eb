import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import PouchDB from 'pouchdb';
import { AppError } from '../errors';

/**
 * How many revisions each document keeps. Enough to resolve sync conflicts, small enough
 * that databases of often-edited items do not grow without bound.
 */
export const REVS_LIMIT = 50;

export type Database = PouchDB.Database;

/** Opens (creating if needed) a LevelDB-backed database in the data folder. */
export async function openDatabase(dataDir: string, name: string): Promise<Database> {
  const dir = path.join(dataDir, 'db');
  await mkdir(dir, { recursive: true });
  const db = new PouchDB(path.join(dir, name), {
    adapter: 'leveldb',
    revs_limit: REVS_LIMIT,
    auto_compaction: true,
  } as PouchDB.Configuration.DatabaseConfiguration);
  try {
    await db.info();
  } catch (error) {
    await db.close().catch(() => undefined);
    throw explainOpenError(error, dir);
  }
  return db;
}

function explainOpenError(error: unknown, dir: string): Error {
  const text = String((error as { message?: unknown })?.message ?? error);
  if (/lock/i.test(text)) {
    return new AppError(
      'DATA_FOLDER_IN_USE',
      `Another FlipSync is already using the data folder ${dir}.`,
      'Close the other FlipSync window (or browser-mode server), or set FLIPSYNC_DATA_DIR to another folder.',
    );
  }
  return new AppError('UNAVAILABLE', `FlipSync could not open its database in ${dir}: ${text}`);
}
