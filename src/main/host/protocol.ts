/**
 * The messages between the Electron shell (main process) and the core process (Electron's
 * utility process, or a Node child in tests and benchmarks). Both sides parse what they
 * receive: a port is a boundary like any other.
 */
import { KeychainBackendSchema } from '@shared/api/app';
import { z } from 'zod';

const Id = z.number().int().nonnegative();

/** What the core asks of the shell's platform pieces (main owns safeStorage). */
export const PlatformOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('secrets.get'), name: z.string().max(200) }),
  z.object({ op: z.literal('secrets.set'), name: z.string().max(200), value: z.string().max(100_000) }),
  z.object({ op: z.literal('secrets.delete'), name: z.string().max(200) }),
]);
export type PlatformOp = z.infer<typeof PlatformOpSchema>;

export const TrayCommandSchema = z.enum([
  'open',
  'approvals',
  'runHealth',
  'pauseAgents',
  'resumeAgents',
  'sync',
  'quit',
]);

export const ShellToCoreSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    dataDir: z.string().min(1),
    appVersion: z.string(),
    shell: z.enum(['electron', 'browser']),
    keychain: KeychainBackendSchema.optional(),
  }),
  z.object({ type: z.literal('call'), id: Id, route: z.string().max(128), input: z.unknown().optional() }),
  z.object({
    type: z.literal('platform-reply'),
    id: Id,
    ok: z.boolean(),
    value: z.string().nullable().optional(),
    // Words only: a secret never rides in an error.
    error: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('tray-perform'), id: Id, command: TrayCommandSchema }),
  /** Test builds only (FLIPSYNC_E2E=1 in the core's environment): raise an event on core's bus. */
  z.object({ type: z.literal('test-emit'), event: z.string().max(128), payload: z.unknown() }),
  z.object({ type: z.literal('close') }),
]);
export type ShellToCore = z.infer<typeof ShellToCoreSchema>;

export const CoreToShellSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('start-failed'), message: z.string(), hint: z.string().optional() }),
  z.object({ type: z.literal('result'), id: Id, result: z.unknown() }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('platform'), id: Id, request: PlatformOpSchema }),
  z.object({
    type: z.literal('notify'),
    notification: z.object({ title: z.string(), body: z.string(), view: z.string().optional() }),
  }),
  z.object({ type: z.literal('tray'), model: z.unknown() }),
  z.object({ type: z.literal('tray-result'), id: Id, outcome: z.unknown() }),
  z.object({ type: z.literal('closed') }),
]);
export type CoreToShell = z.infer<typeof CoreToShellSchema>;

/** One side of the boundary: Electron's parentPort, a Node IPC channel, or a MessagePort. */
export interface HostPort {
  post(message: CoreToShell): void;
  onMessage(listener: (message: unknown) => void): void;
}
