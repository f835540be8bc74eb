/**
 * Sync with an optional CouchDB server, and the conflicts it can leave on items.
 * The username and password go in with `sync.configure` and never come back out.
 */
import { z } from 'zod';
import { headerSafe } from './credential-text';
import { FieldConflictSchema } from '../domain/inventory';
import { route } from './route';
import { SyncUrlSchema } from './settings';

export const SYNC_STATES = ['off', 'connecting', 'active', 'paused-offline', 'error'] as const;
export const SyncStateSchema = z.enum(SYNC_STATES);
export type SyncState = z.infer<typeof SyncStateSchema>;

/** photos: thumbnails (always); originals: the photo files as added (per `sync.photoOriginals`). */
export const SyncedDatabaseSchema = z.enum(['inventory', 'chat', 'agents', 'photos', 'originals']);
export type SyncedDatabase = z.infer<typeof SyncedDatabaseSchema>;

export const DatabaseSyncStatusSchema = z.object({
  name: SyncedDatabaseSchema,
  state: SyncStateSchema,
  reason: z.string().optional(),
  /** Local writes not yet pushed to the server (from the local sequence and the last pushed one). */
  pending: z.number().int().nonnegative(),
  /** Last time both directions were caught up with the server. */
  lastSyncedAt: z.string().nullable(),
  docsPushed: z.number().int().nonnegative(),
  docsPulled: z.number().int().nonnegative(),
});
export type DatabaseSyncStatus = z.infer<typeof DatabaseSyncStatusSchema>;

export const SyncStatusSchema = z.object({
  /** off: not enabled; connecting: started, no answer yet; active: connected (see upToDate);
   *  paused-offline: the server cannot be reached, retrying by itself; error: needs the seller. */
  state: SyncStateSchema,
  /** Why the state is error or paused-offline, in words the seller can act on. */
  reason: z.string().optional(),
  hint: z.string().optional(),
  /** True when every database is caught up in both directions. */
  upToDate: z.boolean(),
  /** The oldest of the databases' last catch-up times: everything was in sync at least then. */
  lastSyncedAt: z.string().nullable(),
  pending: z.number().int().nonnegative(),
  /** The server address (never with credentials); '' when not configured. */
  url: z.string(),
  hasCredentials: z.boolean(),
  databases: z.array(DatabaseSyncStatusSchema),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

const Credential = z.string().max(1024);
const Username = headerSafe(Credential, 'The user name', false).refine((u) => !u.includes(':'), {
  message: 'The user name cannot contain “:” (Basic sign-in separates name and password with it).',
});
const Password = headerSafe(Credential, 'The password', false);

export const SyncConfigureInputSchema = z
  .object({
    url: SyncUrlSchema,
    /** Omitted: keep the saved one. '': forget it. */
    username: Username.optional(),
    password: Password.optional(),
    enabled: z.boolean(),
  })
  .strict();

export const ConflictedItemSchema = z.object({
  itemId: z.string(),
  rev: z.string(),
  sku: z.string(),
  title: z.string(),
  /** The value each field holds now, for the fields that have kept losing values. */
  current: z.record(z.string(), z.unknown()),
  conflicts: z.array(FieldConflictSchema),
});
export type ConflictedItem = z.infer<typeof ConflictedItemSchema>;

/** Event: how many items hold kept losing values from sync conflicts. */
export const ConflictsChangedSchema = z.object({ count: z.number().int().nonnegative() });

const ConflictRefSchema = z
  .object({
    itemId: z.string().startsWith('item:', 'Use an item id such as item:01J….'),
    field: z.string().min(1),
    /** The revision that carried the losing value, as listed. */
    rev: z.string().min(1),
  })
  .strict();

const Empty = z.object({}).strict().optional();

export const syncRoutes = {
  'sync.configure': route({
    summary: 'Save the sync server, credentials (to the secret store) and whether sync runs.',
    input: SyncConfigureInputSchema,
    output: SyncStatusSchema,
  }),
  'sync.start': route({ summary: 'Turn sync on with the saved server.', input: Empty, output: SyncStatusSchema }),
  'sync.stop': route({ summary: 'Turn sync off; local data stays.', input: Empty, output: SyncStatusSchema }),
  'sync.status': route({
    summary: 'Where sync is, from the live replications.',
    input: Empty,
    output: SyncStatusSchema,
  }),
  'conflicts.list': route({
    summary: 'Items with losing values kept from sync conflicts.',
    input: Empty,
    output: z.array(ConflictedItemSchema),
  }),
  'conflicts.pick': route({
    summary: 'Use a kept losing value instead of the current one.',
    input: ConflictRefSchema,
    output: ConflictedItemSchema,
  }),
  'conflicts.dismiss': route({
    summary: 'Forget a kept losing value; the current value stays.',
    input: ConflictRefSchema,
    output: ConflictedItemSchema,
  }),
};
