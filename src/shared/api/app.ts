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
