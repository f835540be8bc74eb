import { z } from 'zod';
import { route } from './route';

export const DatabaseStatusSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  docCount: z.number().int().nonnegative(),
  updateSeq: z.union([z.number(), z.string()]),
  adapter: z.string(),
  error: z.string().optional(),
});
export type DatabaseStatus = z.infer<typeof DatabaseStatusSchema>;

/**
 * What protects stored secrets: the OS keychain (`os`), one of Linux's keyrings, Chromium's
 * `basic_text` fallback (a key built into the app: obscured, not protected), or browser
 * mode's user-only `file`.
 */
export const KeychainBackendSchema = z.enum([
  'os',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
  'basic_text',
  'unknown',
  'file',
]);
export type KeychainBackend = z.infer<typeof KeychainBackendSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Which shell runs the core: the desktop app or browser mode. */
  shell: z.enum(['electron', 'browser']),
  nodeVersion: z.string(),
  platform: z.string(),
  dataDir: z.string(),
  /** Where the log files are (`<data folder>/logs`). */
  logDir: z.string(),
  startedAt: z.string(),
  databases: z.array(DatabaseStatusSchema),
  keychain: KeychainBackendSchema.optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const AppDiagnosticsSchema = z.object({ text: z.string() });

export const appRoutes = {
  'app.info': route({
    summary: 'Version, data folder and the live status of each database.',
    input: z.object({}).strict().optional(),
    output: AppInfoSchema,
  }),
  'app.diagnostics': route({
    summary: 'Text for a support request: versions, settings without secrets, the last log lines.',
    input: z.object({}).strict().optional(),
    output: AppDiagnosticsSchema,
  }),
};
