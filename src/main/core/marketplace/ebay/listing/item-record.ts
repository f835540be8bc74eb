/**
 * The item says where it is listed: the listing number, status Listed and the day it was first
 * listed once published; back to Ready, tagged as ended on eBay, once ended.
 */
import { EBAY_ENDED_TAG } from '@shared/api';
import type { InventoryService } from '../../../inventory/service';

/** `listingId` null: the listing ended. `day` is today's date (for listedAt). */
export async function recordOnItem(
  inventory: InventoryService,
  itemId: string,
  listingId: string | null,
  day: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const now = await inventory.get(itemId);
    const changes = listingId
      ? {
          ebayItemId: listingId,
          status: 'listed' as const,
          listedAt: now.listedAt ?? day,
          tags: now.tags.filter((t) => t !== EBAY_ENDED_TAG),
        }
      : {
          status: now.status === 'listed' ? ('ready' as const) : now.status,
          tags: [...new Set([...now.tags, EBAY_ENDED_TAG])],
        };
    try {
      await inventory.update(now.id, now.rev, changes);
      return;
    } catch (error) {
      // Edited meanwhile (another window, sync): read it again.
      if (attempt >= 3) throw error;
    }
  }
}
