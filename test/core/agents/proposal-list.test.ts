/**
 * The Approvals list at scale: narrowed by agent and kind, read page by page, with the counts
 * each filter shows (whatever the filter in force), and groups narrowed the same way.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentId, ProposalKind } from '../../../src/shared/api/agents';
import { call, callFails } from '../inventory/helpers';
import { propose } from '../../support/propose';
import { startAgentsHarness, type AgentsHarness } from './harness';

describe('proposals.list', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  async function waiting(agent: AgentId, kind: ProposalKind, n: number, group?: { id: string; pct: number }) {
    const itemId = await h.item({ sku: `${agent}-${kind}`, title: `${agent} ${kind}`, listPrice: 20 });
    const item = await call(h.core, 'inventory.get', { id: itemId });
    for (let i = 0; i < n; i++)
      await propose(h.core, item, {
        agent,
        kind,
        summary: `${agent} ${kind} ${i}`,
        before: { listPrice: 20 },
        after: { listPrice: 19 },
        ...(group ? { group } : {}),
      });
  }

  it('narrows by agent and kind, pages from an offset, and counts what each filter would show', async () => {
    await waiting('pricing', 'price', 7);
    await waiting('health', 'markdown', 5, { id: 'group:01JTESTGR0UP00000000000000', pct: 10 });
    await waiting('health', 'fill', 3);

    const all = await call(h.core, 'proposals.list', { limit: 4 });
    expect(all).toMatchObject({ pending: 15, matching: 15 });
    expect(all.proposals).toHaveLength(4);
    expect(all.waiting).toEqual({ agent: { pricing: 7, health: 8 }, kind: { price: 7, markdown: 5, fill: 3 } });
    expect(all.groups.map((g) => g.pending)).toEqual([5]);

    const health = await call(h.core, 'proposals.list', { agent: ['health'], limit: 1000 });
    expect(health.matching).toBe(8);
    expect(new Set(health.proposals.map((p) => p.agent))).toEqual(new Set(['health']));
    // The counts stay those of everything waiting, so the other choices still say what they hold.
    expect(health.waiting).toEqual(all.waiting);

    const pricing = await call(h.core, 'proposals.list', { agent: ['pricing'], limit: 1000 });
    expect(pricing.groups).toEqual([]);
    const fills = await call(h.core, 'proposals.list', { agent: ['health'], kind: ['fill'], limit: 1000 });
    expect(fills.proposals.map((p) => p.summary)).toEqual(['health fill 2', 'health fill 1', 'health fill 0']);

    // Pages of 4 from offsets 0, 4, 8, 12 hold every proposal once, newest first.
    const pages = [];
    for (let offset = 0; offset < 15; offset += 4)
      pages.push(...(await call(h.core, 'proposals.list', { limit: 4, offset })).proposals);
    const whole = (await call(h.core, 'proposals.list', { limit: 1000 })).proposals;
    expect(pages.map((p) => p.id)).toEqual(whole.map((p) => p.id));
    expect(new Set(pages.map((p) => p.id)).size).toBe(15);

    const bad = await callFails(h.core, 'proposals.list', { agent: ['nobody'] });
    expect(bad.code).toBe('INVALID_INPUT');
  });
});
