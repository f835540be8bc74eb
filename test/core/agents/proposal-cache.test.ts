/**
 * The proposals list comes from memory kept current by the agents database's changes feed:
 * after the first read no list reads every proposal again, and a proposal that arrives by
 * sync (or goes, by another device's pruning) is in the next answer, as is this device's own
 * decision made a moment before.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProposalDoc } from '../../../src/main/core/agents/docs';
import { call } from '../inventory/helpers';
import { startAgentsHarness, type AgentsHarness } from './harness';

describe('proposals list from memory', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const synced = (n: number, status: ProposalDoc['status'] = 'pending'): ProposalDoc => ({
    _id: `proposal:01JSYNC${String(n).padStart(19, '0')}`,
    type: 'proposal',
    agent: 'pricing',
    runId: 'run:01JSYNCRUN0000000000000000',
    kind: 'price',
    itemId: `item:${n}`,
    itemTitle: `Synced item ${n}`,
    itemRev: '1-a',
    summary: `Price item ${n}`,
    before: { listPrice: 10 },
    after: { listPrice: 12 },
    why: 'From another device.',
    confidence: 0.7,
    risk: 'low',
    status,
    createdAt: new Date().toISOString(),
    resolvedAt: null,
    resolvedBy: null,
    result: null,
    group: null,
  });

  it('reads every proposal once, then follows the changes feed: synced, deleted and own changes', async () => {
    const db = h.core.agents.proposals.db;
    await db.bulkDocs([synced(1), synced(2)]);
    expect((await call(h.core, 'proposals.list', { status: ['pending'] })).pending).toBe(2);
    const allDocs = vi.spyOn(db, 'allDocs');

    // A proposal replicated from another device (written as replication writes, with its revision).
    await db.bulkDocs([{ ...synced(3), _rev: '1-abc' }], { new_edits: false });
    let list = await call(h.core, 'proposals.list', { status: ['pending'] });
    expect(list.pending).toBe(3);
    expect(list.proposals.map((p) => p.itemTitle)).toEqual(['Synced item 3', 'Synced item 2', 'Synced item 1']);

    // Another device pruned one.
    const two = await db.get<ProposalDoc>(synced(2)._id);
    await db.remove(two);
    // This device rejects one: its own decision is in the very next answer.
    await call(h.core, 'proposals.reject', { ids: [synced(1)._id] });
    list = await call(h.core, 'proposals.list', { status: ['pending', 'rejected'] });
    expect(list.pending).toBe(1);
    expect(list.proposals.map((p) => [p.itemTitle, p.status])).toEqual([
      ['Synced item 3', 'pending'],
      ['Synced item 1', 'rejected'],
    ]);

    // No full read of the proposals after the first: only the changed ones were read.
    const fullReads = allDocs.mock.calls.filter(([opts]) => (opts as { startkey?: string })?.startkey === 'proposal:');
    expect(fullReads).toEqual([]);
  });
});
