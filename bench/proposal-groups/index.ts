/**
 * Approving a health scan's markdown group through the proposal path (read, conflict check,
 * floor check, item update, proposal saved twice, event), beside the same number of proposals
 * approved item by item (one approve call each, as a seller clicking through them) and beside
 * the bare item updates the markdowns need, all on the same real LevelDB databases.
 *
 *   npm run bench proposal-groups          (BENCH_GROUP=200 by default)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_AUTONOMY } from '../../src/main/core/agents/config';
import { newGroupId } from '../../src/main/core/agents/docs';
import { ProposalGroups } from '../../src/main/core/agents/groups';
import { ProposalStore } from '../../src/main/core/agents/proposals';
import { openDatabase, type Database } from '../../src/main/core/db/open';
import { EventBus } from '../../src/main/core/events';
import { startInventory } from '../../src/main/core/inventory/start';
import { SettingsStore } from '../../src/main/core/settings/store';
import { ms, now, type Benchmark, type BenchRow } from '../harness';

const N = Number(process.env.BENCH_GROUP ?? 200);

const bench: Benchmark = {
  area: 'proposal-groups',
  async run(): Promise<BenchRow[]> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-bench-groups-'));
    const [inventory, agents, local] = (await Promise.all(
      ['inventory', 'agents', 'local'].map((n) => openDatabase(dir, n)),
    )) as [Database, Database, Database];
    const events = new EventBus();
    const settings = new SettingsStore(local, events);
    const inv = await startInventory(inventory, dir, events, settings);
    try {
      const terms = async () => ({ currency: 'USD', belowBreakEven: false });
      const store = new ProposalStore(agents, inv.service, events, () => 'Inventory health', undefined, terms);
      const groups = new ProposalGroups(store, inv.service, terms, async () => DEFAULT_AUTONOMY);
      const make = async (prefix: string) => {
        const items = [];
        for (let i = 0; i < N; i++) {
          items.push(
            await inv.service.create({
              sku: `${prefix}-${i}`,
              title: `Item ${i}`,
              listPrice: 100,
              cost: 10,
              quantity: 1,
            }),
          );
        }
        return items;
      };
      const propose = async (items: Awaited<ReturnType<typeof make>>, group: { id: string; pct: number } | null) => {
        const ids: string[] = [];
        for (const item of items) {
          const p = await store.create(
            {
              agent: 'health',
              runId: 'run:bench',
              kind: 'markdown',
              itemId: item.id,
              itemTitle: item.title,
              itemRev: item.rev,
              summary: `Mark ${item.sku} down`,
              before: { listPrice: 100 },
              after: { listPrice: 90 },
              why: 'bench',
              confidence: 0.6,
              group,
            },
            DEFAULT_AUTONOMY,
          );
          ids.push(p.id);
        }
        return ids;
      };
      const group = { id: newGroupId(), pct: 10 };
      await propose(await make('G'), group);
      const single = await propose(await make('S'), null);
      const plain = await make('P');

      let start = now();
      for (const item of plain) await inv.service.update(item.id, item.rev, { listPrice: 90 });
      const bare = ms(start);
      start = now();
      for (const id of single) {
        const [p] = await store.approve([id]);
        if (p?.status !== 'applied') throw new Error(`item by item: ${id} ended ${p?.status}`);
      }
      const oneByOne = ms(start);
      start = now();
      const result = await groups.approve(group.id);
      const value = ms(start);
      if (result.group.applied !== N) throw new Error(`applied ${result.group.applied} of ${N}`);
      console.log(`  load average while measuring: ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`);
      return [
        {
          area: 'proposal-groups',
          figure: `approve a markdown group of ${N}`,
          value,
          unit: 'ms',
          reference: `${N} proposals approved item by item`,
          referenceValue: oneByOne,
          ratio: value / oneByOne,
          target: '≤ 1.0× item by item',
          met: value <= oneByOne,
        },
        {
          area: 'proposal-groups',
          figure: `approve a markdown group of ${N} (vs bare updates)`,
          value,
          unit: 'ms',
          reference: `${N} bare inventory.update calls`,
          referenceValue: bare,
          ratio: value / bare,
          target: 'no target: the ratio shows what the proposal path adds per item',
          met: true,
        },
      ];
    } finally {
      await inv.stop();
      await Promise.all([inventory, agents, local].map((db) => db.close()));
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
