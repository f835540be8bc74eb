/**
 * Waiting proposals written into a data folder before browser mode opens it, through the same
 * proposal store the agents use (each on an item id of its own; no item is read until one is
 * approved). For the Approvals page at scale: the e2e test and bench/approvals.
 */
import { DEFAULT_AUTONOMY } from '../../src/main/core/agents/config';
import { ProposalStore } from '../../src/main/core/agents/proposals';
import { openDatabase } from '../../src/main/core/db/open';
import { EventBus } from '../../src/main/core/events';
import { LiveIndex } from '../../src/main/core/inventory/index/live-index';
import { snapshotPath } from '../../src/main/core/inventory/index/snapshot';
import { InventoryService } from '../../src/main/core/inventory/service';
import type { AgentId, ProposalKind } from '../../src/shared/api/agents';

export interface Batch {
  agent: AgentId;
  kind: ProposalKind;
  count: number;
}

/** Proposal n of all (counting across batches, oldest first) says "SKU-n". */
export async function seedProposals(dataDir: string, batches: Batch[]): Promise<void> {
  const inventory = await openDatabase(dataDir, 'inventory');
  const agents = await openDatabase(dataDir, 'agents');
  const live = await LiveIndex.open(inventory, snapshotPath(dataDir));
  const service = new InventoryService(inventory, live);
  const store = new ProposalStore(agents, service, new EventBus(), () => 'Pricing');
  const autonomy = { ...DEFAULT_AUTONOMY, mode: 'suggest' as const };
  let i = 0;
  try {
    for (const { agent, kind, count } of batches)
      for (let k = 0; k < count; k++, i++) {
        await store.create(
          {
            agent,
            runId: 'run:01JBENCH00000000000000000',
            kind,
            itemId: `item:${String(i).padStart(26, '0')}`,
            itemTitle: `Bench item ${i}`,
            itemRev: '1-a',
            summary: `Price SKU-${i} at $${(20 + (i % 50)).toFixed(2)} (now $15.00)`,
            before: { listPrice: 15 },
            after: { listPrice: 20 + (i % 50) },
            why: `${3 + (i % 5)} similar items you sold went for a median of $${(20 + (i % 50)).toFixed(2)}.`,
            confidence: 0.7,
          },
          autonomy,
        );
      }
  } finally {
    await live.stop();
    await inventory.close();
    await agents.close();
  }
}
