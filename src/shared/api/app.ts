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
  startedAt: z.string(),
  databases: z.array(DatabaseStatusSchema),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appRoutes = {
  'app.info': route({
    summary: 'Version, data folder and the live status of each database.',
    input: z.object({}).strict().optional(),
    output: AppInfoSchema,
  }),
};
