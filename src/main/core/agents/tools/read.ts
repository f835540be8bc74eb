/** Read tools: what the assistant and the specialists may look at. None of them writes. */
import { z } from 'zod';
import { ItemStatusSchema, type Item } from '@shared/domain/inventory';
import { localDay } from '../../ai/usage';
import { daysBefore } from '../health/scan';
import { clip } from '../runs';
import { tool } from './tool';

const ITEM_ID = z
  .string()
  .regex(/^item:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use an item id from search_items, such as item:01J….');

export const searchItems = tool({
  name: 'search_items',
  description:
    'Find items by words, status, category or brand. listedAtLeastDays finds listings that have not sold for that many days.',
  input: z
    .object({
      q: z.string().max(200).nullish(),
      status: z.array(ItemStatusSchema).max(5).nullish(),
      category: z.string().max(200).nullish(),
      brand: z.string().max(200).nullish(),
      listedAtLeastDays: z.number().int().min(0).max(3650).nullish(),
      limit: z.number().int().min(1).max(50).nullish().describe('At most 50; null: 20.'),
    })
    .strict(),
  strict: true,
  async run(args, ctx) {
    const ids = ctx.inventory.index.matchIds({
      ...(args.q ? { q: args.q } : {}),
      ...(args.status ? { status: args.status } : args.listedAtLeastDays != null ? { status: ['listed'] } : {}),
      ...(args.category ? { category: [args.category] } : {}),
      ...(args.brand ? { brand: [args.brand] } : {}),
    });
    const limit = args.limit ?? 20;
    const by = args.listedAtLeastDays != null ? daysBefore(localDay(ctx.now()), args.listedAtLeastDays) : null;
    const items = [];
    let total = 0;
    for (const id of ids) {
      const r = ctx.inventory.index.get(id);
      if (!r || (by && (!r.listedAt || r.listedAt > by))) continue;
      total++;
      if (items.length < limit) {
        items.push({
          id: r.id,
          sku: r.sku,
          title: r.title,
          status: r.status,
          brand: r.brand,
          category: r.category,
          listPrice: r.listPrice,
          cost: r.cost,
          quantity: r.quantity,
          listedAt: r.listedAt,
        });
      }
    }
    return { total, shown: items.length, items };
  },
});

export const getItem = tool({
  name: 'get_item',
  description: 'All fields of one item (description shortened), its stock and photo count.',
  input: z.object({ id: ITEM_ID }).strict(),
  strict: true,
  async run({ id }, ctx) {
    return itemForModel(await ctx.inventory.get(id));
  },
});

/** An item as a model reads it: long texts shortened, photos as a count, no sync conflicts. */
export function itemForModel(item: Item) {
  const { photos, conflicts, description, notes, ...rest } = item;
  void conflicts;
  return { ...rest, description: clip(description, 2000), notes: clip(notes, 500), photoCount: photos.length };
}

export const inventoryStats = tool({
  name: 'inventory_stats',
  description: 'Counts of items by status, the value of listed stock, and how many listings are stale.',
  input: z.object({}).strict(),
  async run(_args, ctx) {
    const s = (await ctx.settings.get()).inventory;
    const staleBy = daysBefore(localDay(ctx.now()), s.staleListingDays);
    const byStatus: Record<string, number> = {};
    let listedValue = 0;
    let listedCost = 0;
    let stale = 0;
    for (const id of ctx.inventory.index.matchIds({ status: ['draft', 'ready', 'listed', 'sold', 'archived'] })) {
      const r = ctx.inventory.index.get(id)!;
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.status !== 'listed') continue;
      listedValue += (r.listPrice ?? 0) * Math.max(r.quantity, 0);
      listedCost += (r.cost ?? 0) * Math.max(r.quantity, 0);
      if (r.listedAt && r.listedAt <= staleBy) stale++;
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      byStatus,
      listedValue: round(listedValue),
      listedCost: round(listedCost),
      staleListings: stale,
      staleAfterDays: s.staleListingDays,
    };
  },
});

export { ITEM_ID };
