/**
 * Restores a proven-whole backup (read.ts) into a FlipSync that holds no data yet: documents
 * go in with their own revisions (`new_edits: false`), so a restored device that syncs with
 * the old server meets the same documents, not copies. The live feeds (index, dashboard)
 * pick them up as they arrive. Restore never writes over anything: a FlipSync with items,
 * chats, runs or photos refuses it.
 */
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { DEFAULT_SETTINGS, SettingsSchema, type BackupCounts, type Settings } from '@shared/api';
import type { Database } from '../db/open';
import {
  BACKUP_DATABASES,
  databaseCounts,
  dbEntry,
  PHOTO_ENTRY,
  photoCount,
  SETTINGS_ENTRY,
  type BackupDatabase,
} from './manifest';
import { BackupError, openBackup } from './read';

const BATCH = 2000;
const SETTINGS_ID = 'settings';

export interface RestoreTarget {
  databases: Record<BackupDatabase, Database>;
  photosDir: string;
  /** The settings' one writer (it keeps the copy every request reads). */
  settings: { replace(settings: Settings): Promise<unknown> };
  /**
   * Runs the inventory's writes with the live index paused; it reads them in afterwards in
   * large batches (following 100k restored items change by change took minutes).
   */
  inventoryBulk?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** What this FlipSync already holds that a restore would mix with; empty when it holds nothing. */
export async function existingData(target: RestoreTarget): Promise<string[]> {
  const held: string[] = [];
  for (const name of ['inventory', 'chat', 'agents'] as const) {
    const { doc_count } = await target.databases[name].info();
    if (doc_count > 0) held.push(`${doc_count} ${name} records`);
  }
  const photos = await readdir(target.photosDir).catch(() => [] as string[]);
  const files = photos.filter((f) => PHOTO_ENTRY.test(`photos/${f}`)).length;
  if (files > 0) held.push(`${files} photo${files === 1 ? '' : 's'}`);
  return held;
}

export async function restoreBackup(file: string, target: RestoreTarget): Promise<BackupCounts> {
  const held = await existingData(target);
  if (held.length) {
    throw new BackupError(
      `This FlipSync already holds data (${held.join(', ')}), and a restore never writes over anything. Nothing was changed.`,
      'Restore onto an empty FlipSync: Settings → Backup → Delete everything (back up first if you need this data), or start FlipSync with an empty data folder.',
    );
  }
  const backup = await openBackup(file);
  try {
    for (const name of BACKUP_DATABASES) {
      const work = async () =>
        restoreDatabase(await backup.open(dbEntry(name)), target.databases[name], name === 'local');
      await (name === 'inventory' && target.inventoryBulk ? target.inventoryBulk(work) : work());
    }
    await restoreSettings(await backup.open(SETTINGS_ENTRY), target);
    for (const entry of backup.manifest.entries) {
      if (!PHOTO_ENTRY.test(entry.path)) continue;
      await writePhoto(await backup.open(entry.path), path.join(target.photosDir, ...entry.path.split('/').slice(1)));
    }
    return { databases: databaseCounts(backup.manifest), photos: photoCount(backup.manifest) };
  } finally {
    backup.close();
  }
}

async function restoreDatabase(stream: Readable, db: Database, local: boolean): Promise<void> {
  // The local database already has what this FlipSync made when it started; those stay.
  const skip = new Set<string>(local ? [SETTINGS_ID] : []);
  if (local) for (const row of (await db.allDocs()).rows) skip.add(row.id);
  let batch: object[] = [];
  const flush = async () => {
    if (batch.length) await db.bulkDocs(batch as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    batch = [];
  };
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line) continue;
    const doc = JSON.parse(line) as { _id: string };
    if (skip.has(doc._id)) continue;
    batch.push(doc);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
}

/** The seller's settings come back, but sync waits: its password is a secret, never in a backup. */
async function restoreSettings(stream: Readable, target: RestoreTarget): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const saved = SettingsSchema.partial().safeParse(
    JSON.parse(Buffer.concat(chunks as unknown as Uint8Array[]).toString('utf8')),
  );
  if (!saved.success) return;
  const settings: Settings = { ...DEFAULT_SETTINGS, ...saved.data };
  settings.sync = { ...settings.sync, enabled: false };
  await target.settings.replace(settings);
}

async function writePhoto(stream: Readable, file: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.restore.tmp`;
  await writeFile(temp, Buffer.concat(chunks as unknown as Uint8Array[]) as unknown as Uint8Array);
  await rename(temp, file);
}
