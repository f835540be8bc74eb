import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanHealth, type HealthRow } from '../../../src/main/core/agents/health/scan';
import { call, callFails } from '../inventory/helpers';
import { calls, daysAgo, says, startAgentsHarness, waitRun, type AgentsHarness } from './harness';

describe('proposals, the health scan and computed status', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const seed = async () => ({
    stale: await h.item({
      sku: 'OLD-1',
      title: 'Pyrex bowl',
      status: 'listed',
      listPrice: 40,
      cost: 5,
      listedAt: daysAgo(90),
      quantity: 3,
      specifics: [{ name: 'Brand', value: 'Pyrex' }],
      photos: [photo],
    }),
    below: await h.item({
      sku: 'LOW-1',
      title: 'Nike sneakers',
      status: 'listed',
      listPrice: 20,
      cost: 25,
      listedAt: daysAgo(5),
      quantity: 2,
      specifics: [{ name: 'Size', value: '10' }],
      photos: [photo],
    }),
    bare: await h.item({
      sku: 'BARE-1',
      title: 'Sony walkman',
      brand: 'Sony',
      status: 'ready',
      quantity: 1,
      listPrice: 80,
      cost: 10,
    }),
    fine: await h.item({
      sku: 'OK-1',
      title: 'Lego set',
      status: 'listed',
      listPrice: 60,
      cost: 10,
      listedAt: daysAgo(2),
      quantity: 4,
      specifics: [{ name: 'Brand', value: 'LEGO' }],
      photos: [photo],
    }),
  });

  it('health scan finds exactly the seeded problems and proposes only what it can fix', async () => {
    const ids = await seed();
    const { runId } = await call(h.core, 'agents.run', { agent: 'health' });
    const run = await waitRun(h, runId);
    expect(run).toMatchObject({ outcome: 'succeeded', modelCalls: 0, proposals: 3 });
    const { proposals } = await call(h.core, 'proposals.list', {});
    const got = proposals.map((p) => [p.itemId, p.kind]).sort();
    expect(got).toEqual(
      [
        [ids.stale, 'markdown'],
        [ids.below, 'price'],
        [ids.bare, 'fill'],
      ].sort(),
    );
    const markdown = proposals.find((p) => p.kind === 'markdown')!;
    expect(markdown).toMatchObject({ before: { listPrice: 40 }, after: { listPrice: 36 }, status: 'pending', runId });
    expect(markdown.summary).toBe('Mark OLD-1 down from $40.00 to $36.00');
    // Low stock (BARE-1 has 1, threshold 1) is announced; nothing was changed on any item.
    expect(h.of('inventory.lowStock').map((e) => e.id)).toContain(ids.bare);
    expect((await h.core.inventory.get(ids.stale)).listPrice).toBe(40);
    expect(h.of('proposal.created')).toHaveLength(3);
    // A second scan does not repeat proposals that are still waiting.
    const again = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    expect(again.proposals).toBe(0);
  });

  it('writes the amounts of its proposals in the seller’s currency', async () => {
    await call(h.core, 'settings.set', { general: { currency: 'EUR' } });
    const ids = await seed();
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    const { proposals } = await call(h.core, 'proposals.list', {});
    const raise = proposals.find((p) => p.itemId === ids.below)!;
    expect(raise.summary).toMatch(/^Raise the price of LOW-1 from €20\.00 to €\d+\.\d\d$/);
    expect(raise.why).toMatch(/^At €20\.00 the sale does not cover the cost of €25\.00 plus fees/);
  });

  it('approve applies through inventory and records the result; reject leaves the item; stale fails clearly', async () => {
    const ids = await seed();
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    const { proposals } = await call(h.core, 'proposals.list', {});
    const byKind = (k: string) => proposals.find((p) => p.kind === k)!;

    const [applied] = (await call(h.core, 'proposals.approve', { ids: [byKind('price').id] })).proposals;
    expect(applied).toMatchObject({ status: 'applied', resolvedBy: 'seller' });
    expect(applied!.result).toMatch(/^Applied: list price set to \$\d+\.\d\d\.$/);
    expect((await h.core.inventory.get(ids.below)).listPrice).toBe(byKind('price').after.listPrice);

    const [rejected] = (await call(h.core, 'proposals.reject', { ids: [byKind('fill').id] })).proposals;
    expect(rejected!.status).toBe('rejected');
    expect((await h.core.inventory.get(ids.bare)).specifics).toEqual([]);

    const item = await h.core.inventory.get(ids.stale);
    await h.core.inventory.update(ids.stale, item.rev, { listPrice: 38 });
    const [failed] = (await call(h.core, 'proposals.approve', { ids: [byKind('markdown').id] })).proposals;
    expect(failed!.status).toBe('failed');
    expect(failed!.result).toMatch(
      /changed after this proposal was made \(list price is now \$38\.00, was \$40\.00\)\. Nothing was changed/,
    );
    expect((await h.core.inventory.get(ids.stale)).listPrice).toBe(38);
    expect((await call(h.core, 'proposals.list', {})).pending).toBe(0);
    expect(h.of('proposal.resolved').map((e) => e.status)).toEqual(['applied', 'rejected', 'failed']);
  });

  it('records what it applied in words: specifics as the seller writes them, not as JSON', async () => {
    const ids = await seed();
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    const fill = (await call(h.core, 'proposals.list', {})).proposals.find((p) => p.kind === 'fill')!;
    const [filled] = (await call(h.core, 'proposals.approve', { ids: [fill.id] })).proposals;
    expect(filled!.result).toBe('Applied: item specifics set to Brand: Sony.');
    expect((await h.core.inventory.get(ids.bare)).specifics).toEqual([{ name: 'Brand', value: 'Sony' }]);
  });

  it('auto-applies low-risk proposals at or above the confidence threshold; the rest wait', async () => {
    const ids = await seed();
    await call(h.core, 'agents.setAutonomy', {
      agent: 'health',
      autonomy: { mode: 'auto', minConfidence: 0.9, maxAutoPriceCutPct: 10 },
    });
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    const all = (await call(h.core, 'proposals.list', { status: ['pending', 'applied'] })).proposals;
    const status = Object.fromEntries(all.map((p) => [p.kind, [p.status, p.resolvedBy]]));
    // fill 0.95 and price raise 0.9 apply; the 0.6 markdown waits for the seller.
    expect(status).toEqual({ fill: ['applied', 'auto'], price: ['applied', 'auto'], markdown: ['pending', null] });
    expect((await h.core.inventory.get(ids.bare)).specifics).toEqual([{ name: 'Brand', value: 'Sony' }]);
  });

  it('computes each agent’s status from its runs, not from constants', async () => {
    const fresh = await call(h.core, 'agents.list', undefined);
    expect(fresh.agents.map((a) => [a.id, a.status, a.runs, a.successRate])).toContainEqual([
      'pricing',
      'idle',
      0,
      null,
    ]);

    h.server.chat.push(calls(['inventory_stats', {}]), says('ok'));
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'research' })).runId);
    h.server.chat.push(calls(['nope', {}]), calls(['nope', {}]));
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'research' })).runId);
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
    await call(h.core, 'agents.pause', { agent: 'shipping' });

    const { agents } = await call(h.core, 'agents.list', undefined);
    const a = Object.fromEntries(agents.map((x) => [x.id, x]));
    expect(a.research).toMatchObject({ status: 'failed', runs: 2, successRate: 0.5 });
    expect(a.research!.lastRun!.outcome).toBe('failed');
    expect(a.research!.costUsd).toBeGreaterThan(0);
    expect(a.health).toMatchObject({ status: 'idle', runs: 1, successRate: 1, costUsd: 0 });
    expect(a.shipping).toMatchObject({ status: 'paused', runs: 0 });
    const { runs } = await call(h.core, 'agents.get', { agent: 'research' });
    expect(runs.map((r) => r.outcome)).toEqual(['failed', 'succeeded']);
    const refused = await callFails(h.core, 'agents.run', { agent: 'shipping' });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: 'Shipping is paused, so it did not run.' });
  });

  it('the scheduled scan runs when due and records the schedule trigger', async () => {
    await seed();
    const start = Date.now();
    const { HealthScheduler } = await import('../../../src/main/core/agents/scheduler');
    let clock = start;
    const s = new HealthScheduler(h.core.agents, h.core.agents.settings, h.core.events, () => clock, 1e9);
    await s.start();
    expect(await s.tick()).toBeNull();
    clock += 6 * 3_600_000;
    const runId = await s.tick();
    s.stop();
    const run = await waitRun(h, runId!);
    expect(run).toMatchObject({ trigger: 'schedule', outcome: 'succeeded', proposals: 3 });
    expect(h.of('inventory.lowStock').length).toBeGreaterThan(0);
  });
});

const photo = { hash: 'a'.repeat(64), ext: 'jpg' as const };

describe('scanHealth rules', () => {
  it('flags each rule on its own row and leaves sold/archived alone', () => {
    const base: HealthRow = {
      id: 'i',
      rev: '1-a',
      sku: 's',
      title: 't',
      status: 'listed',
      quantity: 5,
      cost: 10,
      listPrice: 50,
      fees: null,
      listedAt: '2026-01-10',
      brand: 'B',
      condition: 'Used',
      photos: 1,
      specifics: 1,
    };
    const rows: HealthRow[] = [
      { ...base, id: 'fine' },
      { ...base, id: 'stale', listedAt: '2025-11-11' },
      { ...base, id: 'low', quantity: 1 },
      { ...base, id: 'nophoto', photos: 0 },
      { ...base, id: 'nospec', specifics: 0 },
      { ...base, id: 'below', listPrice: 11 },
      { ...base, id: 'sold', status: 'sold', photos: 0, quantity: 0 },
    ];
    const r = scanHealth(rows, { today: '2026-01-10', staleListingDays: 60, lowStockThreshold: 1 });
    expect(r.findings.map((f) => [f.row.id, f.problems])).toEqual([
      ['stale', ['stale']],
      ['low', ['lowStock']],
      ['nophoto', ['noPhotos']],
      ['nospec', ['noSpecifics']],
      ['below', ['belowCost']],
    ]);
  });
});
