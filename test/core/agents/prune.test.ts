import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUTONOMY } from '../../../src/main/core/agents/config';
import { ProposalStore } from '../../../src/main/core/agents/proposals';
import { HistoryPruner, type PrunedDoc } from '../../../src/main/core/agents/prune';
import { RunStore } from '../../../src/main/core/agents/runs';
import { AgentActivity } from '../../../src/main/core/analytics/agent-activity';
import { openDatabase, type Database } from '../../../src/main/core/db/open';
import { EventBus } from '../../../src/main/core/events';
import { startInventory } from '../../../src/main/core/inventory/start';
import { SettingsStore } from '../../../src/main/core/settings/store';
import { tempDir } from '../../support/temp-dir';

const DAY = 86_400_000;
const TODAY = new Date('2026-11-30T12:00:00Z');
const ago = (days: number) => new Date(TODAY.getTime() - days * DAY);

describe('pruning old agent history', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let agents: Database;
  let local: Database;
  let inventory: Database;
  let inv: Awaited<ReturnType<typeof startInventory>>;
  let settings: SettingsStore;
  let runs: RunStore;
  let store: ProposalStore;
  let clock: Date;

  beforeEach(async () => {
    dir = await tempDir('flipsync-prune-');
    [agents, local, inventory] = (await Promise.all(
      ['agents', 'local', 'inventory'].map((n) => openDatabase(dir.path, n)),
    )) as [Database, Database, Database];
    const events = new EventBus();
    settings = new SettingsStore(local, events);
    inv = await startInventory(inventory, dir.path, events, settings);
    const now = () => clock;
    runs = new RunStore(agents, events, now);
    store = new ProposalStore(agents, inv.service, events, () => 'Inventory health', now);
  });
  afterEach(async () => {
    await inv.stop();
    await Promise.all([agents, local, inventory].map((db) => db.close()));
    await dir.remove();
  });

  const run = async (at: Date, end: 'succeeded' | 'running') => {
    clock = at;
    const doc = await runs.start('health', 'schedule', '', null);
    await runs.step({ runId: doc._id, agent: 'health' }, { kind: 'note', text: 'scanned' });
    await runs.step({ runId: doc._id, agent: 'health' }, { kind: 'note', text: 'done' });
    if (end !== 'running') await runs.finish(doc, { outcome: end });
    return doc._id;
  };
  const proposal = async (at: Date, decide: 'pending' | 'reject' | 'approve', sku: string) => {
    clock = at;
    const item = await inv.service.create({ sku, title: `Item ${sku}`, listPrice: 50, cost: 5, quantity: 1 });
    const p = await store.create(
      {
        agent: 'health',
        runId: 'run:x',
        kind: 'markdown',
        itemId: item.id,
        itemTitle: item.title,
        itemRev: item.rev,
        summary: `Mark ${sku} down`,
        before: { listPrice: 50 },
        after: { listPrice: 45 },
        why: 'old',
        confidence: 0.6,
      },
      DEFAULT_AUTONOMY,
    );
    if (decide === 'reject') await store.reject([p.id]);
    if (decide === 'approve') expect((await store.approve([p.id]))[0]!.status).toBe('applied');
    return p.id;
  };
  const exists = async (id: string) =>
    (await agents.allDocs({ keys: [id] })).rows.some((r) => 'value' in r && !r.value?.deleted);
  const stepsOf = async (runId: string) => (await runs.steps(runId)).length;
  /** The dashboard's facts, read fresh (a new reader has no cache to hide a change behind). */
  const facts = async () => {
    const activity = new AgentActivity(agents, () => undefined);
    try {
      const f = await activity.facts();
      return {
        runs: f.runs.map((r) => `${r.day} ${r.outcome}`).sort(),
        proposals: f.proposals.map((p) => `${p.day} ${p.state} ${p.itemId}`).sort(),
        unreadable: f.unreadable,
      };
    } finally {
      activity.stop();
    }
  };

  it('removes finished runs and decided proposals past the setting, keeps the rest and every count', async () => {
    const oldDone = await run(ago(300), 'succeeded');
    const oldRunning = await run(ago(300), 'running');
    const recentDone = await run(ago(10), 'succeeded');
    const oldPending = await proposal(ago(300), 'pending', 'A');
    const oldRejected = await proposal(ago(300), 'reject', 'B');
    const oldApplied = await proposal(ago(300), 'approve', 'C');
    const recentRejected = await proposal(ago(10), 'reject', 'D');
    clock = TODAY;
    const before = await facts();
    expect(before.runs).toHaveLength(3);
    expect(before.proposals).toHaveLength(4);

    const pruner = new HistoryPruner(agents, settings, () => clock);
    expect(await pruner.prune()).toEqual({ runs: 1, steps: 2, proposals: 2 });

    expect(await exists(oldDone)).toBe(false);
    expect(await stepsOf(oldDone)).toBe(0);
    for (const kept of [oldRunning, recentDone, oldPending, recentRejected]) expect(await exists(kept)).toBe(true);
    for (const gone of [oldRejected, oldApplied]) expect(await exists(gone)).toBe(false);
    expect(await stepsOf(oldRunning)).toBe(2);
    expect(await facts()).toEqual(before);

    // A second pass finds nothing more and counts nothing twice.
    expect(await pruner.prune()).toEqual({ runs: 0, steps: 0, proposals: 0 });
    expect(await facts()).toEqual(before);

    // A shorter setting reaches the recent ones too; still never the running run or a waiting proposal.
    await settings.set({ inventory: { agentHistoryDays: 7 } });
    expect(await pruner.prune()).toEqual({ runs: 1, steps: 2, proposals: 1 });
    for (const kept of [oldRunning, oldPending]) expect(await exists(kept)).toBe(true);
    expect(await facts()).toEqual(before);
  });

  it('counts a proposal once when a pass stopped between saving its facts and deleting it', async () => {
    const id = await proposal(ago(200), 'reject', 'E');
    clock = TODAY;
    const before = await facts();
    const item = (await store.get(id)).itemId;
    // What a pass cut short leaves behind: the facts saved, the proposal not yet deleted.
    const cutShort: PrunedDoc = {
      _id: 'pruned:01CUTSHORT',
      type: 'pruned',
      at: TODAY.toISOString(),
      runs: {},
      proposals: { [id]: { day: ago(200).toISOString().slice(0, 10), state: 'rejected', itemId: item } },
    };
    await agents.put(cutShort);
    expect(await facts()).toEqual(before);

    expect(await new HistoryPruner(agents, settings, () => clock).prune()).toEqual({ runs: 0, steps: 0, proposals: 1 });
    expect(await exists(id)).toBe(false);
    expect(await facts()).toEqual(before);
  });

  it('refuses a history shorter than a week, saying what to use', async () => {
    await expect(settings.set({ inventory: { agentHistoryDays: 3 } })).rejects.toThrow(/at least 7 days/);
    expect((await settings.get()).inventory.agentHistoryDays).toBe(180);
  });
});
