/**
 * Long operations from the journal (CSV imports, bulk edits): what was asked, whether it
 * finished, and whether a start of FlipSync finished it after a kill, so the seller is told.
 */
import { z } from 'zod';
import { route } from './route';

export const OperationKindSchema = z.enum(['import', 'bulkEdit']);
export type OperationKind = z.infer<typeof OperationKindSchema>;

/** An operation id: made by the caller (a retry sends the same one) or by core. */
export const OperationIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Use an operation id such as 01J… (26 characters, a ULID).');

export const OperationSummarySchema = z.object({
  id: z.string(),
  kind: OperationKindSchema,
  title: z.string(),
  state: z.enum(['running', 'done']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** When a start of FlipSync finished what a kill or crash interrupted. */
  resumedAt: z.string().nullable(),
  dismissed: z.boolean(),
  /** A bulk edit the seller undid: the id of the undo (itself an operation). */
  undoneBy: z.string().nullable(),
  /** Counts by name: created/updated/skipped/errorCount for an import, matched/changed/failed for a bulk edit. */
  result: z.record(z.string(), z.number()).nullable(),
});
export type OperationSummary = z.infer<typeof OperationSummarySchema>;

export const OperationsChangedSchema = z.object({ id: z.string(), state: z.enum(['running', 'done']) });

export const operationRoutes = {
  'operations.notices': route({
    summary:
      'Operations a restart is finishing or has finished (after a kill or crash), until the seller dismisses them.',
    input: z.object({}).strict().optional(),
    output: z.array(OperationSummarySchema),
  }),
  'operations.undo': route({
    summary:
      'Undo a finished bulk edit: every item it changed and nothing changed since gets its earlier values back (itself a journaled operation).',
    input: z
      .object({
        id: OperationIdSchema,
        /** The undo's own id, made by the caller so a retry is recognised. */
        undoId: OperationIdSchema.optional(),
      })
      .strict(),
    output: z.object({
      id: z.string(),
      matched: z.number().int(),
      changed: z.number().int(),
      failed: z.number().int(),
      /** Items changed since the edit, left as they are. */
      kept: z.number().int(),
    }),
  }),
  'operations.dismiss': route({
    summary: 'The seller has read what happened to this operation.',
    input: z.object({ id: OperationIdSchema }).strict(),
    output: z.object({ id: z.string() }),
  }),
};
