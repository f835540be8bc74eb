/**
 * The shape of a FlipSync backup zip. `manifest.json` names every other entry with its size
 * and SHA-256, and the documents per database, so a restore can prove the file whole
 * before it writes anything.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'flipsync-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const SETTINGS_ENTRY = 'settings.json';
/** The databases a backup holds, each as `db/<name>.ndjson` (one document a line). */
export const BACKUP_DATABASES = ['local', 'inventory', 'chat', 'agents'] as const;
export type BackupDatabase = (typeof BACKUP_DATABASES)[number];

export const dbEntry = (name: BackupDatabase) => `db/${name}.ndjson`;

/** Photos keep the data folder's own layout: `photos/<sha256>.<ext>`, `photos/thumbs/<sha256>.webp`. */
export const PHOTO_ENTRY = /^photos\/(thumbs\/)?[0-9a-f]{64}\.(jpg|png|webp|gif|heic)$/;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestEntrySchema = z.object({
  path: z.string().min(1).max(300),
  bytes: z.number().int().nonnegative(),
  sha256: Sha256,
  /** Lines (documents) in a database entry. */
  docs: z.number().int().nonnegative().optional(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.string(),
  appVersion: z.string(),
  entries: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export const photoCount = (manifest: Manifest) =>
  manifest.entries.filter((e) => e.path.startsWith('photos/') && !e.path.startsWith('photos/thumbs/')).length;

export function databaseCounts(manifest: Manifest): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of BACKUP_DATABASES) out[name] = manifest.entries.find((e) => e.path === dbEntry(name))?.docs ?? 0;
  return out;
}
