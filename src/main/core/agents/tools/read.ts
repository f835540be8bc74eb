/** Read tools: what the assistant and the specialists may look at. None of them writes. */
import { z } from 'zod';
import { ItemStatusSchema } from '@shared/domain/inventory';
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
      q: z.string().max(200).optional(),
      status: z.array(ItemStatusSchema).max(5).optional(),
      category: z.string().max(200).optional(),
      brand: z.string().max(200).optional(),
      listedAtLeastDays: z.number().int().min(0).max(3650).optional(),
      limit: z.number().int().min(1).max(50).default(20),
    })
    .strict(),
  async run(args, ctx) {
    const ids = ctx.inventory.index.matchIds({
      ...(args.q ? { q: args.q } : {}),
      ...(args.status ? { status: args.status } : args.listedAtLeastDays !== undefined ? { status: ['listed'] } : {}),
      ...(args.category ? { category: [args.category] } : {}),
      ...(args.brand ? { brand: [args.brand] } : {}),
    });
    const by = args.listedAtLeastDays !== undefined ? daysBefore(localDay(ctx.now()), args.listedAtLeastDays) : null;
    const items = [];
    let total = 0;
    for (const id of ids) {
      const r = ctx.inventory.index.get(id);
      if (!r || (by && (!r.listedAt || r.listedAt > by))) continue;
      total++;
      if (items.length < args.limit) {
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
  async run({ id }, ctx) {
    const item = await ctx.inventory.get(id);
    const { photos, conflicts, description, notes, ...rest } = item;
    void conflicts;
    return { ...rest, description: clip(description, 2000), notes: clip(notes, 500), photoCount: photos.length };
  },
});

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
