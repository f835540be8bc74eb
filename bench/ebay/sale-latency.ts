/**
 * Sale to eBay: from a sale recorded in FlipSync to eBay accepting the listing's new quantity
 * (the outbox collects stock changes for 100 ms, then sends ReviseInventoryStatus), p95 over
 * sales one after another, beside the same ReviseInventoryStatus call made directly (p50).
 */
import type { Agent } from 'undici';
import { fetch as undiciFetch } from 'undici';
import { percentile, type BenchRow } from '../harness';
import type { EbayBench } from './context';

const SALES = Number(process.env.EBAY_BENCH_SALES ?? 30);

/** ReviseInventoryStatus made straight to eBay, for one listing or up to four; answers its time. */
export async function direct(
  origin: string,
  token: string,
  agent: Agent,
  listing: string | { listing: string; quantity: number }[],
  quantity = 0,
) {
  const list = typeof listing === 'string' ? [{ listing, quantity }] : listing;
  const t = performance.now();
  await undiciFetch(`${origin}/ws/api.dll`, {
    method: 'POST',
    dispatcher: agent,
    headers: {
      'content-type': 'text/xml',
      'x-ebay-api-call-name': 'ReviseInventoryStatus',
      'x-ebay-api-siteid': '0',
      'x-ebay-api-compatibility-level': '1349',
      'x-ebay-api-iaf-token': token,
    },
    body: `<?xml version="1.0" encoding="utf-8"?><ReviseInventoryStatusRequest xmlns="urn:ebay:apis:eBLBaseComponents">${list.map((l) => `<InventoryStatus><ItemID>${l.listing}</ItemID><Quantity>${l.quantity}</Quantity></InventoryStatus>`).join('')}</ReviseInventoryStatusRequest>`,
  }).then((r) => r.text());
  return performance.now() - t;
}

export async function saleLatency({ core, ebay, agent, call }: EbayBench): Promise<BenchRow> {
  await call('settings.set', { ebay: { pushStock: true } });
  await core.ebay.outbox.idle();
  const token = await ebay.newestAccessToken();
  const items = (await call('inventory.list', { q: 'SITE', status: ['listed'], limit: SALES + 10 })) as {
    items: { id: string; ebayItemId: string | null; quantity: number }[];
  };
  const linked = items.items.filter((i) => i.ebayItemId).slice(0, SALES);
  const times: number[] = [];
  const refs: number[] = [];
  for (const item of linked) {
    const from = await ebay.updateCount();
    const t = performance.now();
    await call('inventory.recordSale', { id: item.id, price: 20, channel: 'market stall' });
    if (!(await ebay.updatesArrived({ from, listing: item.ebayItemId!, timeoutMs: 60_000 })))
      throw new Error(`the update of listing ${item.ebayItemId} did not reach eBay in a minute`);
    times.push(performance.now() - t);
    // The same update, sent straight to eBay (what the outbox adds on top is the figure).
    refs.push(await direct(ebay.origin, token, agent, item.ebayItemId!, Math.max(0, item.quantity - 1)));
  }
  const p95 = percentile(times, 95);
  const ref = percentile(refs, 50);
  console.log(`  (${linked.length} sales; p50 ${percentile(times, 50).toFixed(0)} ms)`);
  return {
    area: 'ebay',
    figure: `sale recorded to quantity accepted by eBay, p95 of ${linked.length}`,
    value: p95,
    unit: 'ms',
    reference: 'the same ReviseInventoryStatus call made directly (p50)',
    referenceValue: ref,
    ratio: p95 / ref,
    target: '≤ 2000 ms',
    met: p95 <= 2000,
  };
}
