/**
 * Backups: one zip file holding every database (NDJSON), the photos, the settings (never a
 * secret) and a manifest with counts and checksums; restore onto an empty FlipSync; delete
 * everything after a typed confirmation.
 */
import { z } from 'zod';
import { route } from './route';

/** What the seller types to confirm "Delete everything". */
export const DELETE_CONFIRMATION = 'DELETE EVERYTHING';

const FilePath = z.string().trim().min(1, 'Pick a file.').max(4096);

export const BackupConfigSchema = z.object({
  /** Where backups go; '' means the `backups` folder inside the data folder. */
  folder: z.string().trim().max(4096),
  /** Hours between automatic backups; 0 turns them off. */
  everyHours: z
    .number()
    .int()
    .min(0, 'Use 0 to turn automatic backups off.')
    .max(24 * 30),
  /** How many automatic backups to keep (older ones are deleted). */
  keep: z.number().int().min(1, 'Keep at least one backup.').max(1000),
});
export type BackupConfig = z.infer<typeof BackupConfigSchema>;

export const BackupCountsSchema = z.object({
  /** Documents per database (items, movements, sales… in inventory; messages in chat; runs in agents). */
  databases: z.record(z.string(), z.number().int().nonnegative()),
  photos: z.number().int().nonnegative(),
});
export type BackupCounts = z.infer<typeof BackupCountsSchema>;

export const BackupFileSchema = z.object({
  file: z.string(),
  bytes: z.number().int().nonnegative(),
  createdAt: z.string(),
  counts: BackupCountsSchema,
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export const BackupStatusSchema = z.object({
  config: BackupConfigSchema,
  /** The folder backups go to (the default one spelled out). */
  folder: z.string(),
  last: BackupFileSchema.nullable(),
  /** Why the last automatic backup failed, if it did. */
  lastError: z.string().nullable(),
  nextAt: z.string().nullable(),
  /** Set after "Delete everything": the data goes when FlipSync next starts. */
  deletePending: z.boolean(),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const backupRoutes = {
  'backup.status': route({
    summary: 'Backup settings, the last backup and when the next automatic one runs.',
    input: z.object({}).strict().optional(),
    output: BackupStatusSchema,
  }),
  'backup.configure': route({
    summary: 'Change where backups go, how often they run and how many are kept.',
    input: BackupConfigSchema.partial().strict(),
    output: BackupStatusSchema,
  }),
  'backup.now': route({
    summary: 'Write one backup file now.',
    input: z.object({}).strict().optional(),
    output: BackupFileSchema,
  }),
  'backup.restore': route({
    summary: 'Restore a backup file into this FlipSync, which must hold no data yet.',
    input: z.object({ file: FilePath }).strict(),
    output: BackupCountsSchema,
  }),
  'backup.deleteEverything': route({
    summary: `Delete every item, sale, chat, run, photo and setting on this computer (type ${DELETE_CONFIRMATION}).`,
    input: z.object({ confirm: z.string().max(100) }).strict(),
    output: z.object({ deletePending: z.boolean() }),
  }),
};
