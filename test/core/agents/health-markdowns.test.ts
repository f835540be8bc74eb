/**
 * The health scan does not nag: a markdown proposed for an item is not proposed again within
 * the cooldown (approved or rejected), and never goes below cost plus fees unless allowed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../inventory/helpers';
import { daysAgo, startAgentsHarness, waitRun, type AgentsHarness } from './harness';

describe('health scan markdowns', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const scan = async () => waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
  const markdowns = async () =>
    (await call(h.core, 'proposals.list', { status: ['pending'] })).proposals.filter((p) => p.kind === 'markdown');
  const stale = (sku: string, fields: { listPrice: number; cost: number; fees?: number }) =>
    h.item({ sku, title: `Item ${sku}`, status: 'listed', listedAt: daysAgo(90), brand: 'Acme', ...fields });

  it('marks an item down once per cooldown, whatever the seller decided', async () => {
    const lamp = await stale('LAMP', { listPrice: 100, cost: 10 });
    const vase = await stale('VASE', { listPrice: 50, cost: 5 });
    await scan();
    const first = await markdowns();
    expect(first.map((p) => [p.itemId, p.after.listPrice]).sort()).toEqual(
      [
        [lamp, 90],
        [vase, 45],
      ].sort(),
    );
    await call(h.core, 'proposals.approve', { ids: [first.find((p) => p.itemId === lamp)!.id] });
    await call(h.core, 'proposals.reject', { ids: [first.find((p) => p.itemId === vase)!.id] });
    expect((await h.core.inventory.get(lamp)).listPrice).toBe(90);

    // Both are still stale, but each had a markdown proposed within the 14-day default.
    await scan();
    expect(await markdowns()).toEqual([]);

    // With no cooldown the next scan proposes the next step down.
    await call(h.core, 'settings.set', { inventory: { markdownCooldownDays: 0 } });
    await scan();
    expect((await markdowns()).map((p) => [p.itemId, p.after.listPrice]).sort()).toEqual(
      [
        [lamp, 81],
        [vase, 45],
      ].sort(),
    );
  });

  it('holds a markdown at cost plus the item’s own fees, unless the seller allows going below', async () => {
    const recorded = await stale('FEES', { listPrice: 95, cost: 80, fees: 10 });
    const estimated = await stale('EST', { listPrice: 95, cost: 80 });
    await scan();
    const first = await markdowns();
    // 10% off would be 85.50; cost 80 + recorded fees 10 = 90.00 is the floor.
    expect(first.find((p) => p.itemId === recorded)?.after.listPrice).toBe(90);
    // Without recorded fees, eBay's estimated fees: (80 + 0.40) / (1 − 0.136) = 93.06.
    expect(first.find((p) => p.itemId === estimated)?.after.listPrice).toBe(93.06);

    await call(h.core, 'proposals.reject', { ids: first.map((p) => p.id) });
    await call(h.core, 'settings.set', { inventory: { markdownCooldownDays: 0, markdownBelowBreakEven: true } });
    await scan();
    const allowed = await markdowns();
    expect(allowed.find((p) => p.itemId === recorded)?.after.listPrice).toBe(85.5);
    expect(allowed.find((p) => p.itemId === estimated)?.after.listPrice).toBe(85.5);
  });

  it('auto-applies a markdown only down to break-even', async () => {
    const item = await stale('AUTO', { listPrice: 95, cost: 80, fees: 10 });
    await call(h.core, 'agents.setAutonomy', {
      agent: 'health',
      autonomy: { mode: 'auto', minConfidence: 0.5, maxAutoPriceCutPct: 10 },
    });
    await scan();
    const applied = (await call(h.core, 'proposals.list', { status: ['applied'] })).proposals.find(
      (p) => p.kind === 'markdown',
    );
    expect(applied).toMatchObject({ itemId: item, kind: 'markdown', resolvedBy: 'auto', after: { listPrice: 90 } });
    expect((await h.core.inventory.get(item)).listPrice).toBe(90);
  });

  it('refuses to apply a markdown below break-even once the seller no longer allows it', async () => {
    const item = await stale('LATER', { listPrice: 95, cost: 80, fees: 10 });
    await call(h.core, 'settings.set', { inventory: { markdownBelowBreakEven: true } });
    await scan();
    const [proposal] = await markdowns();
    expect(proposal?.after.listPrice).toBe(85.5);
    await call(h.core, 'settings.set', { inventory: { markdownBelowBreakEven: false } });
    const [failed] = (await call(h.core, 'proposals.approve', { ids: [proposal!.id] })).proposals;
    expect(failed?.status).toBe('failed');
    expect(failed?.result).toBe(
      'Marking “Item LATER” down to $85.50 would go below its break-even price of $90.00 (cost plus fees). Nothing was changed.',
    );
    expect((await h.core.inventory.get(item)).listPrice).toBe(95);
  });
});
