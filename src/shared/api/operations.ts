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
  'operations.dismiss': route({
    summary: 'The seller has read what happened to this operation.',
    input: z.object({ id: OperationIdSchema }).strict(),
    output: z.object({ id: z.string() }),
  }),
};
