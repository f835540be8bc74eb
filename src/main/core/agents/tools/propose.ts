/**
 * Tools that would change the seller's data. Each only creates a proposal (before, after,
 * why, confidence); the seller decides, or the agent's autonomy setting auto-applies it.
 */
import { feeModelFor } from '../pricing/fees';
import { localDay } from '../../ai/usage';
import { z } from 'zod';
import { AGENT_IDS } from '@shared/api/agents';
import { sentenceMoney } from '@shared/domain/money';
import { AppError } from '../../errors';
import { suggestPrice } from '../pricing/suggest';
import { estimateShipping } from '../shipping/estimate';
import { ouncesOf, weightText } from '@shared/domain/package';
import { ITEM_ID } from './read';
import { tool } from './tool';

export const suggestPriceTool = tool({
  name: 'suggest_price',
  description:
    "Compute a price for an item from the seller's sold history of similar items, its cost, fees, the target margin and, when eBay is connected, live eBay listings like it, and propose it. Returns the proposal.",
  input: z.object({ itemId: ITEM_ID }).strict(),
  async run({ itemId }, ctx) {
    const item = await ctx.inventory.get(itemId);
    const settings = await ctx.settings.get();
    const money = sentenceMoney(settings.general.currency);
    const currency = settings.general.currency;
    // Market data helps but never blocks a price: a failed search is said in the rationale.
    const market = await ctx.market.comparables(item, currency, ctx.signal).then(
      (found) => ({ found, problem: undefined }),
      (error: unknown) => ({ found: null, problem: error instanceof Error ? error.message : String(error) }),
    );
    const s = suggestPrice(item, await ctx.sales(), (id) => ctx.inventory.index.get(id), {
      marginPct: settings.inventory.targetMarginPct,
      money,
      fees: feeModelFor(settings, localDay(ctx.now())),
      currency,
      market: market.found,
      ...(market.problem ? { marketProblem: market.problem } : {}),
    });
    if (item.listPrice === s.price)
      return { itemId, price: s.price, proposal: null, note: 'Already at the suggested price.' };
    const proposal = await ctx.propose({
      kind: 'price',
      itemId,
      itemTitle: item.title,
      itemRev: item.rev,
      summary: `Price ${item.sku} at ${money(s.price)}${item.listPrice !== null ? ` (now ${money(item.listPrice)})` : ''}`,
      before: { listPrice: item.listPrice },
      after: { listPrice: s.price },
      why: s.rationale,
      confidence: s.confidence,
      ...(s.market && s.market.comps.length > 0 ? { comps: s.market.comps.slice(0, 10) } : {}),
    });
    return {
      itemId,
      price: s.price,
      confidence: s.confidence,
      rationale: s.rationale,
      marketListings: s.market?.comps.length ?? 0,
      proposal: { id: proposal.id, status: proposal.status },
    };
  },
});

export const estimateShippingTool = tool({
  name: 'estimate_shipping',
  description:
    'Estimate the package class and shipping cost of an item from the built-in rate table and propose it as the item’s shipping cost. The item’s recorded package weight is used when it has one; give weightOz when the seller told you a weight; otherwise a typical weight for the kind of item is used.',
  input: z.object({ itemId: ITEM_ID, weightOz: z.number().positive().max(1120).optional() }).strict(),
  async run({ itemId, weightOz }, ctx) {
    const item = await ctx.inventory.get(itemId);
    const recorded = item.packageWeight ? Math.round(ouncesOf(item.packageWeight) * 100) / 100 : undefined;
    const e = estimateShipping(item, weightOz ?? recorded);
    const money = sentenceMoney((await ctx.settings.get()).general.currency);
    if (!e) {
      throw new AppError(
        'BAD_REQUEST',
        `No typical weight is known for “${item.title}”; ask the seller for its weight, or have them fill in the item’s package weight.`,
      );
    }
    if (item.shippingCost === e.cost)
      return { itemId, estimate: e, proposal: null, note: 'Shipping cost already matches.' };
    const proposal = await ctx.propose({
      kind: 'shipping',
      itemId,
      itemTitle: item.title,
      itemRev: item.rev,
      summary: `Set shipping of ${item.sku} to ${money(e.cost)} (${e.className})`,
      before: { shippingCost: item.shippingCost },
      after: { shippingCost: e.cost },
      why: `${weightOz === undefined && recorded !== undefined ? `Package weight on the item (${weightText(item.packageWeight)})` : e.weightFrom === 'seller' ? 'Weight' : 'Typical weight for this kind of item'}: ${e.weightOz} oz → ${e.className}, ${e.package}. Rate table of ${e.rateDate}: ${e.rateSource}`,
      confidence: e.weightFrom === 'seller' ? 0.8 : 0.5,
    });
    return { itemId, estimate: e, proposal: { id: proposal.id, status: proposal.status } };
  },
});

const SPECIALISTS = AGENT_IDS.filter((a) => a !== 'assistant') as [
  Exclude<(typeof AGENT_IDS)[number], 'assistant'>,
  ...Exclude<(typeof AGENT_IDS)[number], 'assistant'>[],
];

export const handoffTool = tool({
  name: 'handoff',
  description:
    'Hand a task to a specialist and get its answer: pricing (price items), listing (write titles and descriptions), health (scan the inventory for problems), research (sales analysis), shipping (shipping costs).',
  input: z.object({ agent: z.enum(SPECIALISTS), task: z.string().trim().min(1).max(2000) }).strict(),
  async run({ agent, task }, ctx) {
    return ctx.handoff(agent, task);
  },
});
