/**
 * Draining the outbox: N quantity updates queued while stock sending was off (as while
 * offline), then sending turned on; the time until every one is accepted by eBay, beside the
 * same N updates sent directly one after another in the same run: as N single
 * ReviseInventoryStatus calls (the reference), and four to a call as the outbox sends
 * them (what the outbox adds over the calls themselves).
 */
import type { Core } from '../../src/main/core/core';
import type { BenchRow } from '../harness';
import type { EbayBench } from './context';
import { direct } from './sale-latency';

async function sentAll(core: Core): Promise<void> {
  for (;;) {
    await core.ebay.outbox.idle();
    if ((await core.ebay.outbox.status()).pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type Listed = { id: string; ebayItemId: string | null; quantity: number };

export async function drainQueued({ core, ebay, agent, call }: EbayBench, count: number): Promise<BenchRow[]> {
  // What earlier figures left queued goes first, so exactly these N wait.
  await call('settings.set', { ebay: { pushStock: true } });
  await sentAll(core);
  await call('settings.set', { ebay: { pushStock: false } });
  const linked: Listed[] = [];
  for (let offset = 0; linked.length < count; offset += 500) {
    const page = (await call('inventory.list', { status: ['listed'], limit: 500, offset })) as { items: Listed[] };
    if (page.items.length === 0) throw new Error(`only ${linked.length} linked items to change`);
    linked.push(...page.items.filter((i) => i.ebayItemId && i.quantity > 0));
  }
  const items = linked.slice(0, count);
  for (const item of items)
    await call('inventory.adjustStock', { id: item.id, kind: 'received', delta: 1, note: 'bench' });
  await core.ebay.outbox.idle();
  const queued = (await core.ebay.outbox.status()).pending;
  if (queued !== count) throw new Error(`${queued} updates queued, not ${count}`);

  // The same updates straight to eBay (absolute quantities: sending them twice changes nothing).
  const token = await ebay.newestAccessToken();
  let t = performance.now();
  for (const item of items) await direct(ebay.origin, token, agent, item.ebayItemId!, item.quantity + 1);
  const rawMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < items.length; i += 4)
    await direct(
      ebay.origin,
      token,
      agent,
      items.slice(i, i + 4).map((item) => ({ listing: item.ebayItemId!, quantity: item.quantity + 1 })),
    );
  const batchedMs = performance.now() - t;

  const before = await ebay.updateCount();
  t = performance.now();
  await call('settings.set', { ebay: { pushStock: true } });
  // Done when eBay has accepted every one (as the sale-to-eBay figure counts).
  if (!(await ebay.updatesArrived({ from: before, count, timeoutMs: 120_000 })))
    throw new Error('the queued updates did not reach eBay within 2 minutes');
  const drainMs = performance.now() - t;
  await sentAll(core);
  const sent = (await ebay.updateCount()) - before;
  if (sent !== count) throw new Error(`eBay accepted ${sent} updates, not ${count}`);
  const ratio = drainMs / rawMs;
  const figure = `drain ${count.toLocaleString()} queued quantity updates`;
  return [
    {
      area: 'ebay',
      figure,
      value: drainMs,
      unit: 'ms',
      reference: 'the same updates as single ReviseInventoryStatus calls made directly',
      referenceValue: rawMs,
      ratio,
      target: '≤ 1.2× direct calls',
      met: ratio <= 1.2,
    },
    {
      area: 'ebay',
      figure,
      value: drainMs,
      unit: 'ms',
      reference: 'the same updates made directly four to a call, as the outbox sends them',
      referenceValue: batchedMs,
      ratio: drainMs / batchedMs,
      target: 'info',
      met: true,
    },
  ];
}
