/**
 * Starts inventory in core: opens the live index over the inventory database, creates the
 * service, and turns index changes into `inventory.changed` and `inventory.lowStock` events.
 */
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/store';
import { LiveIndex, type LiveIndexOptions } from './index/live-index';
import type { ApplyResult } from './index/memory-index';
import { snapshotPath } from './index/snapshot';
import { InventoryService } from './service';

export interface Inventory {
  service: InventoryService;
  stop(): Promise<void>;
}

export async function startInventory(
  db: Database,
  dataDir: string,
  events: EventBus,
  settings: SettingsStore,
  options: LiveIndexOptions = {},
): Promise<Inventory> {
  const live = await LiveIndex.open(db, snapshotPath(dataDir), options);
  let threshold = (await settings.get()).inventory.lowStockThreshold;
  const unsubscribe = events.on('settings.changed', (s) => {
    threshold = s.inventory.lowStockThreshold;
  });
  live.onApplied((result, source) => {
    events.emit('inventory.changed', { ids: [...result.itemIds], source });
    alertLowStock(result, live, threshold, events);
  });
  return {
    service: new InventoryService(db, live),
    async stop() {
      unsubscribe();
      await live.stop();
    },
  };
}

/** Announces stock that just fell to the threshold (on items still for sale) or below zero. */
function alertLowStock(result: ApplyResult, live: LiveIndex, threshold: number, events: EventBus): void {
  for (const { id, before, after } of result.stock) {
    const row = live.index.get(id);
    if (!row || after >= before) continue;
    const oversold = after < 0 && before >= 0;
    const crossed = after <= threshold && before > threshold && row.status !== 'sold' && row.status !== 'archived';
    if (oversold || crossed) {
      events.emit('inventory.lowStock', { id, sku: row.sku, title: row.title, quantity: after, threshold, oversold });
    }
  }
}
