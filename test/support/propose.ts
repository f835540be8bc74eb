/**
 * A waiting proposal made through the agents' own proposal store, for tests that need one
 * without running a model: a price change on `item` unless `fields` says otherwise.
 */
import type { Core } from '../../src/main/core/core';
import type { Proposal } from '../../src/shared/api/agents';

type Input = Parameters<Core['agents']['proposals']['create']>[0];

export const SUGGEST = { mode: 'suggest', minConfidence: 0.8, maxAutoPriceCutPct: 10 } as const;

export function propose(
  core: Core,
  item: { id: string; title: string; rev: string },
  fields: Partial<Input> & { summary: string },
): Promise<Proposal> {
  return core.agents.proposals.create(
    {
      agent: 'pricing',
      runId: 'run:01JTESTRUN0000000000000000',
      kind: 'price',
      itemId: item.id,
      itemTitle: item.title,
      itemRev: item.rev,
      before: { listPrice: 10 },
      after: { listPrice: 11 },
      why: 'Test.',
      confidence: 0.5,
      ...fields,
    },
    SUGGEST,
  );
}
