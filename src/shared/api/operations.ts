/**
 * Operations: multi-document work (CSV imports, bulk edits) recorded in core's journal. After
 * a restart that found one unfinished, the seller is told what was done about it.
 */
import { z } from 'zod';
import { route } from './route';

export const OperationNoticeSchema = z.object({
  id: z.string(),
  kind: z.string(),
  outcome: z.enum(['finished', 'rolledBack', 'failed']),
  /** In words for the seller: what was interrupted and what FlipSync did about it. */
  message: z.string(),
  at: z.string(),
});
export type OperationNotice = z.infer<typeof OperationNoticeSchema>;

export const operationRoutes = {
  'operations.notices': route({
    summary: 'Operations a restart found unfinished and finished or undid, not yet dismissed by the seller.',
    input: z.object({}).strict().default({}),
    output: z.array(OperationNoticeSchema),
  }),
  'operations.dismiss': route({
    summary: 'Dismiss one notice about a recovered operation.',
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: z.object({ id: z.string() }),
  }),
};
