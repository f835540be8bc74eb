import type { AppInfo, DatabaseStatus } from '@shared/api';
import type { Database } from '../db/open';
import { logDirOf } from '../log/files';
import type { Platform } from '../platform/types';

/** Asks each database for its live status; a failing one is reported, not hidden. */
export async function databaseStatus(name: string, db: Database): Promise<DatabaseStatus> {
  // PouchDB sets `adapter` on every instance; its type definitions leave it out.
  const adapter = (db as { adapter?: string }).adapter ?? 'unknown';
  try {
    const info = await db.info();
    return { name, ok: true, docCount: info.doc_count, updateSeq: info.update_seq, adapter };
  } catch (error) {
    return {
      name,
      ok: false,
      docCount: 0,
      updateSeq: 0,
      adapter,
      error: String((error as Error)?.message ?? error),
    };
  }
}

export async function appInfo(
  platform: Platform,
  startedAt: Date,
  databases: Record<string, Database>,
): Promise<AppInfo> {
  return {
    name: 'FlipSync',
    version: platform.appVersion,
    shell: platform.shell,
    nodeVersion: process.versions.node,
    platform: process.platform,
    dataDir: platform.dataDir,
    logDir: logDirOf(platform.dataDir),
    startedAt: startedAt.toISOString(),
    databases: await Promise.all(Object.entries(databases).map(([name, db]) => databaseStatus(name, db))),
    ...(platform.keychain ? { keychain: platform.keychain } : {}),
  };
}
