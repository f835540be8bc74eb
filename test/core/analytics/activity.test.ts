/**
 * Agent activity and AI spend on the dashboard. The analytics service is started over its
 * own real databases here, because the test writes run and proposal documents (in the shape
 * src/main/core/agents/docs.ts documents) straight into the agents database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AiService } from '../../../src/main/core/ai/service';
import { AnalyticsService } from '../../../src/main/core/analytics/service';
import { openDatabase, type Database } from '../../../src/main/core/db/open';
import { EventBus } from '../../../src/main/core/events';
import { startInventory, type Inventory } from '../../../src/main/core/inventory/start';
import { FileSecretStore } from '../../../src/main/core/platform/file-secrets';
import { SettingsStore } from '../../../src/main/core/settings/store';
import { tempDir } from '../../support/temp-dir';
import { until } from '../inventory/helpers';

const today = new Date().toISOString().slice(0, 10);

function run(ulid: string, outcome: string, startedAt: string) {
  return { _id: `run:${ulid}`, type: 'run', agent: 'health', trigger: 'button', input: '', outcome, startedAt };
}
function proposal(ulid: string, status: string, itemId: string, createdAt: string) {
  return { _id: `proposal:${ulid}`, type: 'proposal', agent: 'pricing', kind: 'price', status, itemId, createdAt };
}

describe('dashboard: agents and AI spend', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let dbs: Database[];
  let agents: Database;
  let inv: Inventory;
  let ai: AiService;
  let settings: SettingsStore;
  let events: EventBus;
  let analytics: AnalyticsService;

  beforeEach(async () => {
    dir = await tempDir();
    const [local, inventory, agentsDb] = await Promise.all(
      ['local', 'inventory', 'agents'].map((name) => openDatabase(dir.path, name)),
    );
    dbs = [local!, inventory!, agentsDb!];
    agents = agentsDb!;
    events = new EventBus();
    settings = new SettingsStore(local!, events);
    ai = new AiService({ db: local!, settings, secrets: new FileSecretStore(dir.path), events });
    inv = await startInventory(inventory!, dir.path, events, settings);
    analytics = await AnalyticsService.start({
      inventoryDb: inventory!,
      index: () => inv.service.index,
      agentsDb: agents,
      localDb: local!,
      ai,
      events,
    });
  });
  afterEach(async () => {
    await analytics.stop();
    await inv.stop();
    await ai.close();
    await Promise.all(dbs.map((db) => db.close()));
    await dir.remove();
  });

  it('counts runs, success rate and proposals from the agents database, by date and category', async () => {
    const shoe = await inv.service.create({ sku: 'S1', title: 'Shoe', category: 'Shoes', quantity: 1 });
    const toy = await inv.service.create({ sku: 'T1', title: 'Toy', category: 'Toys', quantity: 1 });
    await agents.bulkDocs([
      run('01JA0000000000000000000001', 'succeeded', '2025-10-15T10:00:00.000Z'),
      run('01JA0000000000000000000002', 'succeeded', '2025-10-16T10:00:00.000Z'),
      run('01JA0000000000000000000003', 'failed', '2025-10-16T11:00:00.000Z'),
      run('01JA0000000000000000000004', 'cancelled', '2025-11-01T11:00:00.000Z'),
      run('01JA0000000000000000000005', 'running', `${today}T00:00:01.000Z`),
      run('01JA0000000000000000000006', 'succeeded', `${today}T00:00:02.000Z`),
      run('01JA0000000000000000000007', 'no-result', '2025-11-03T11:00:00.000Z'),
      proposal('01JA0000000000000000000011', 'pending', shoe.id, '2025-10-15T10:00:00.000Z'),
      proposal('01JA0000000000000000000012', 'approved', shoe.id, '2025-10-15T10:00:00.000Z'),
      proposal('01JA0000000000000000000013', 'applied', shoe.id, '2025-10-16T10:00:00.000Z'),
      proposal('01JA0000000000000000000014', 'failed', toy.id, '2025-10-16T10:00:00.000Z'),
      proposal('01JA0000000000000000000015', 'rejected', toy.id, '2025-11-02T10:00:00.000Z'),
      proposal('01JA0000000000000000000016', 'pending', toy.id, `${today}T00:00:00.000Z`),
      { _id: 'proposal:01JA0000000000000000000017', type: 'proposal' }, // missing what is counted
    ]);
    const all = await analytics.dashboard({});
    expect(all.agents).toEqual({
      runs: 7,
      succeeded: 3,
      failed: 1,
      noResult: 1,
      running: 1,
      successRatePct: 60, // cancelled runs count for neither; a run without result is no success
      proposals: { created: 6, pending: 2, approved: 3, rejected: 1 },
      unreadable: 1,
    });
    const october = await analytics.dashboard({ from: '2025-10-01', to: '2025-10-31' });
    expect(october.agents).toMatchObject({ runs: 3, succeeded: 2, failed: 1, successRatePct: 66.7 });
    expect(october.agents.proposals).toEqual({ created: 4, pending: 1, approved: 3, rejected: 0 });
    const shoes = await analytics.dashboard({ category: ['Shoes'] });
    expect(shoes.agents.proposals).toEqual({ created: 3, pending: 1, approved: 2, rejected: 0 });
    expect(shoes.agents.runs).toBe(7); // runs are not tied to a category
  });

  it('announces agent changes and reads them on the next request', async () => {
    const seen: string[][] = [];
    events.on('analytics.changed', (p) => seen.push(p.sources));
    expect((await analytics.dashboard({})).agents.runs).toBe(0);
    await agents.put(run('01JA0000000000000000000021', 'failed', `${today}T01:00:00.000Z`));
    await until(() => seen.some((s) => s.includes('agents')), 'analytics.changed from agents');
    expect((await analytics.dashboard({})).agents).toMatchObject({ runs: 1, failed: 1, successRatePct: 0 });
  });

  it("shows today's AI spend against the budget and the spend over the range", async () => {
    const entry = {
      model: 'gpt-4o-mini',
      preset: 'openai',
      host: 'api.openai.com',
      who: { purpose: 'test' },
      streamed: false,
      outcome: 'ok' as const,
      usageReported: true,
      promptTokens: 1000,
      completionTokens: 200,
      cachedTokens: 0,
    };
    await ai.metering.ledger.record({ ...entry, costUsd: 0.012 });
    await ai.metering.ledger.record({ ...entry, costUsd: 0.003 });
    await ai.metering.ledger.record({ ...entry, model: 'mystery', costUsd: null });
    await settings.set({ ai: { dailyBudgetUsd: 0.01 } });
    const d = await analytics.dashboard({});
    expect(d.ai.today).toMatchObject({ spentUsd: 0.015, budgetUsd: 0.01, calls: 3, unpricedCalls: 1, blocked: true });
    expect(d.ai.rangeSpentUsd).toBeCloseTo(0.015, 9);
    expect(d.ai.rangeCalls).toBe(3);
    expect(d.ai.byDay.at(-1)).toEqual({ day: d.ai.today.day, spentUsd: 0.015, calls: 3 });
    const past = await analytics.dashboard({ from: '2025-01-01', to: '2025-01-31' });
    expect(past.ai).toMatchObject({ rangeSpentUsd: 0, rangeCalls: 0 });
    expect(past.ai.byDay).toHaveLength(31);
    // A new call after the first read is counted too (only the new documents are read).
    await ai.metering.ledger.record({ ...entry, costUsd: 0.005 });
    await until(async () => (await analytics.dashboard({})).ai.rangeCalls === 4, 'the new usage document');
    expect((await analytics.dashboard({})).ai.rangeSpentUsd).toBeCloseTo(0.02, 9);
  });
});
