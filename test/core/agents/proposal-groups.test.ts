/**
 * One scan's proposals of a kind form a group the seller decides as one: approved, rejected
 * or re-priced, through the same routes the Approvals page calls, on a real core.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../inventory/helpers';
import { daysAgo, startAgentsHarness, waitRun, type AgentsHarness } from './harness';

const STALE = 190;

describe('proposal groups', { timeout: 120_000 }, () => {
  let h: AgentsHarness;
  let stale: string[];
  let others: { raise: string[]; fill: string };
  beforeEach(async () => {
    h = await startAgentsHarness();
    stale = [];
    for (let i = 0; i < STALE; i++) {
      stale.push(
        await h.item({
          sku: `OLD-${i}`,
          title: `Stale ${i}`,
          status: 'listed',
          listedAt: daysAgo(90),
          listPrice: 100,
          cost: 10,
          brand: 'Acme',
          specifics: [{ name: 'Brand', value: 'Acme' }],
        }),
      );
    }
    // Other waiting proposals of the same scan: two raises (a group of their own) and one fill.
    const below = (sku: string) =>
      h.item({
        sku,
        title: sku,
        status: 'listed',
        listedAt: daysAgo(1),
        listPrice: 20,
        cost: 25,
        specifics: [{ name: 'Size', value: '9' }],
      });
    others = {
      raise: [await below('LOW-1'), await below('LOW-2')],
      fill: await h.item({ sku: 'BARE', title: 'Bare', status: 'draft', brand: 'Zed', listPrice: 30 }),
    };
    await waitRun(h, (await call(h.core, 'agents.run', { agent: 'health' })).runId);
  });
  afterEach(async () => {
    await h.close();
  });

  const pending = () => call(h.core, 'proposals.list', { status: ['pending'], limit: 1000 });
  const markdownGroup = async () => (await pending()).groups.find((g) => g.kind === 'markdown')!;
  const prices = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await h.core.inventory.get(id)).listPrice));
  const otherPrices = () => prices([...others.raise, others.fill]);

  it('groups a scan’s proposals by kind; approving the markdowns applies all 190 and nothing else, once', async () => {
    const list = await pending();
    expect(list.pending).toBe(STALE + 3);
    const groups = list.groups.map((g) => [g.kind, g.summary, g.pending, g.total]).sort();
    expect(groups).toEqual([
      ['markdown', `Mark down ${STALE} stale listings by 10%`, STALE, STALE],
      ['price', 'Raise the price of 2 items priced below cost plus fees', 2, 2],
    ]);
    const fill = list.proposals.find((p) => p.kind === 'fill')!;
    expect(fill.group).toBeNull();
    const group = await markdownGroup();
    const members = list.proposals.filter((p) => p.group?.id === group.id);
    expect(members.map((p) => p.itemId).sort()).toEqual([...stale].sort());
    expect(group.pct).toBe(10);
    const before = await otherPrices();
    const result = await call(h.core, 'proposals.approveGroup', { groupId: group.id });
    expect(result.proposals).toHaveLength(STALE);
    expect(result.proposals.every((p) => p.status === 'applied')).toBe(true);
    expect(result.group).toMatchObject({ pending: 0, applied: STALE, total: STALE });
    expect(new Set(await prices(stale))).toEqual(new Set([90]));

    const left = await pending();
    expect(left.pending).toBe(3);
    expect(left.groups.map((g) => g.kind)).toEqual(['price']);
    expect(await otherPrices()).toEqual(before);

    const again = await call(h.core, 'proposals.approveGroup', { groupId: group.id });
    expect(again.proposals).toEqual([]);
    expect(again.group.applied).toBe(STALE);
    expect(new Set(await prices(stale))).toEqual(new Set([90]));
    expect((await pending()).pending).toBe(3);
  });

  it('applies the prices of an edited percentage, still held at break-even', async () => {
    const group = await markdownGroup();
    // Cost 80 on one item: 30% off 100 is 70, below its break-even of (80 + 0.40) / 0.864 = 93.06.
    const held = await h.core.inventory.get(stale[0]!);
    await h.core.inventory.update(held.id, held.rev, { cost: 80 });

    const edited = await call(h.core, 'proposals.editGroup', { groupId: group.id, pct: 30 });
    expect(edited.group.summary).toBe(`Mark down ${STALE} stale listings by 30%`);
    const byItem = new Map(edited.proposals.map((p) => [p.itemId, p]));
    expect(byItem.get(stale[1]!)?.after.listPrice).toBe(70);
    expect(byItem.get(stale[1]!)?.summary).toBe('Mark OLD-1 down from $100.00 to $70.00');
    expect(byItem.get(stale[0]!)?.after.listPrice).toBe(93.06);
    expect(byItem.get(stale[0]!)?.why).toMatch(/30% markdown \(held at break-even\)/);
    // 30% is above the default 10% limit for automatic changes.
    expect(byItem.get(stale[1]!)?.risk).toBe('high');

    await call(h.core, 'proposals.approveGroup', { groupId: group.id });
    const after = await prices(stale);
    expect(after[0]).toBe(93.06);
    expect(new Set(after.slice(1))).toEqual(new Set([70]));
  });

  it('rejects a group as a whole and leaves every price alone', async () => {
    const before = await otherPrices();
    const group = await markdownGroup();
    const result = await call(h.core, 'proposals.rejectGroup', { groupId: group.id });
    expect(result.group).toMatchObject({ pending: 0, rejected: STALE });
    expect(new Set(await prices(stale))).toEqual(new Set([100]));
    expect(await otherPrices()).toEqual(before);
    // Decided: approving it now applies nothing, editing it re-prices nothing.
    expect((await call(h.core, 'proposals.approveGroup', { groupId: group.id })).proposals).toEqual([]);
    const edited = await call(h.core, 'proposals.editGroup', { groupId: group.id, pct: 20 });
    expect(edited.proposals).toEqual([]);
    expect(edited.group.pct).toBe(10);
    expect(new Set(await prices(stale))).toEqual(new Set([100]));
  });

  it('decides a group item by item too', async () => {
    const group = await markdownGroup();
    const members = (await pending()).proposals.filter((p) => p.group?.id === group.id);
    await call(h.core, 'proposals.reject', { ids: [members[0]!.id] });
    await call(h.core, 'proposals.approve', { ids: [members[1]!.id] });
    const now = await markdownGroup();
    expect(now).toMatchObject({ pending: STALE - 2, rejected: 1, applied: 1 });
    expect(now.summary).toBe(`Mark down ${STALE - 2} stale listings by 10%`);
    const result = await call(h.core, 'proposals.approveGroup', { groupId: group.id });
    expect(result.proposals).toHaveLength(STALE - 2);
    expect((await h.core.inventory.get(members[0]!.itemId)).listPrice).toBe(100);
  });

  it('answers a clear error for a bad percentage, an unknown group or a group without a percentage', async () => {
    const group = await markdownGroup();
    const bad = await h.core.dispatch(
      'proposals.editGroup',
      { groupId: group.id, pct: 95 },
      { transport: 'in-process' },
    );
    expect(bad.ok ? null : bad.error.message).toMatch(/at most 90%/);
    const unknown = await h.core.dispatch(
      'proposals.approveGroup',
      { groupId: 'group:01J00000000000000000000000' },
      { transport: 'in-process' },
    );
    expect(unknown.ok ? null : unknown.error.message).toMatch(/There is no proposal group/);
    const raise = (await pending()).groups.find((g) => g.kind === 'price')!;
    const noPct = await h.core.dispatch(
      'proposals.editGroup',
      { groupId: raise.id, pct: 20 },
      { transport: 'in-process' },
    );
    expect(noPct.ok ? null : noPct.error.message).toMatch(/Only a markdown group/);
  });
});
