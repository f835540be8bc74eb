/**
 * Orders in: the core's poll taking N eBay orders in as sales (pages of getOrders, a sale
 * and a stock movement per line, the needs-matching check, the fees pass), beside a raw paged
 * fetch of the same getOrders pages in the same run (bodies read, nothing else): the issue's
 * reference. A second row sets the same poll beside the least any ingest must do: that fetch
 * plus raw PouchDB `bulkDocs` of a sale and a movement per line, page by page, in a database
 * of its own. Stock sending is off while it runs: the figure is the ingest, not the quantity
 * updates it causes.
 */
import type { Agent } from 'undici';
import { fetch as undiciFetch } from 'undici';
import { openDatabase } from '../../src/main/core/db/open';
import { tempDir } from '../../test/support/temp-dir';
import type { BenchRow } from '../harness';
import type { EbayBench } from './context';

const PAGE = 200;

type Page = { orders?: { orderId: string; lineItems?: { lineItemId: string; quantity?: number }[] }[] };

async function rawOrders(
  origin: string,
  token: string,
  agent: Agent,
  since: string,
  each: (page: Page) => Promise<void> = async () => undefined,
): Promise<number> {
  let read = 0;
  for (let offset = 0; ; offset += PAGE) {
    const filter = encodeURIComponent(`lastmodifieddate:[${since}..]`);
    const res = await undiciFetch(
      `${origin}/sell/fulfillment/v1/order?filter=${filter}&limit=${PAGE}&offset=${offset}`,
      {
        dispatcher: agent,
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const body = (await res.json()) as Page & { next?: string };
    read += body.orders?.length ?? 0;
    await each(body);
    if (!body.next) return read;
  }
}

export async function ordersIn({ core, ebay, agent, call }: EbayBench, count: number): Promise<BenchRow[]> {
  await call('settings.set', { ebay: { pushStock: false } });
  // The catch-up poll after connecting is done: the one measured reads just these orders.
  await core.ebay.orders.idle();
  const since = new Date(Date.now() - 10 * 60_000).toISOString();
  await ebay.seedOrders(count);
  const token = await ebay.newestAccessToken();

  let t = performance.now();
  const read = await rawOrders(ebay.origin, token, agent, since);
  const rawMs = performance.now() - t;
  if (read !== count) throw new Error(`raw fetch read ${read} of ${count} orders`);

  // The floor: the same pages, and per line a sale and a movement written raw.
  const dir = await tempDir();
  const db = await openDatabase(dir.path, 'floor');
  t = performance.now();
  await rawOrders(ebay.origin, token, agent, since, async (page) => {
    const docs = (page.orders ?? []).flatMap((o) =>
      (o.lineItems ?? []).flatMap((l) => [
        { _id: `sale:${o.orderId}:${l.lineItemId}`, type: 'sale', quantity: l.quantity ?? 1 },
        { _id: `move:${o.orderId}:${l.lineItemId}`, type: 'move', delta: -(l.quantity ?? 1) },
      ]),
    );
    await db.bulkDocs(docs);
  });
  const floorMs = performance.now() - t;
  await db.close();
  await dir.remove();

  t = performance.now();
  const result = await core.ebay.orders.poll();
  const pollMs = performance.now() - t;
  if (result.unmatched > 0 || result.recorded === 0) throw new Error(`poll took in ${JSON.stringify(result)}`);
  console.log(`  (${count} orders, ${result.recorded} lines taken in as sales, ${result.passes} pass(es))`);
  const ratio = pollMs / rawMs;
  const figure = `take in ${count.toLocaleString()} orders (${result.recorded.toLocaleString()} lines) as sales`;
  return [
    {
      area: 'ebay',
      figure,
      value: pollMs,
      unit: 'ms',
      reference: 'raw paged fetch of the same getOrders pages',
      referenceValue: rawMs,
      ratio,
      target: '≤ 1.3× raw fetch',
      met: ratio <= 1.3,
    },
    {
      area: 'ebay',
      figure,
      value: pollMs,
      unit: 'ms',
      reference: 'the same fetch plus raw bulkDocs of a sale and a movement per line',
      referenceValue: floorMs,
      ratio: pollMs / floorMs,
      target: 'info',
      met: true,
    },
  ];
}
