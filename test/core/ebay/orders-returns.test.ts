import { afterEach, describe, expect, it } from 'vitest';
import type { Dashboard, EbayImportStatus } from '../../../src/shared/api';
import type { Item } from '../../../src/shared/domain/inventory';
import type { MovementDoc, SaleDoc } from '../../../src/main/core/inventory/docs';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { ebayForEachTest, type EbayHarness } from '../../support/ebay/harness';
import { seedOrders, seedSite } from '../../support/ebay/index';
import { eventually, type Device } from '../sync/devices';
import { startSecondDevice } from './second-device';

const h = ebayForEachTest();
const USER = { username: 'seller', password: 'orders-sync-pw' };

async function importListings(): Promise<void> {
  await h.call('settings.set', { ebay: { importPictures: false } });
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  expect((await h.call<EbayImportStatus>('ebay.import.status')).state).toBe('done');
}

/** eBay cancels an order: its state, date and reason, and it counts as modified now. */
function cancelOrder(harness: EbayHarness, orderId: string): void {
  const order = harness.ebay.state.orders.find((o) => o.orderId === orderId)!;
  const at = new Date().toISOString();
  order.cancelStatus = {
    cancelState: 'CANCELED',
    cancelledDate: at,
    cancelRequests: [{ cancelReason: 'BUYER_ASKED_CANCEL', cancelRequestState: 'COMPLETED', cancelInitiator: 'BUYER' }],
  };
  order.lastModifiedDate = at;
}

type Docs = { sales: SaleDoc[]; moves: MovementDoc[] };
async function salesAndMoves(db: PouchDB.Database): Promise<Docs> {
  const rows = (await db.allDocs({ include_docs: true })).rows.map((r) => r.doc as unknown as SaleDoc | MovementDoc);
  return {
    sales: rows.filter((d): d is SaleDoc => d?.type === 'sale'),
    moves: rows.filter((d): d is MovementDoc => d?.type === 'move' && d.kind !== 'received'),
  };
}

describe('eBay orders cancelled or refunded after they were taken in', () => {
  it('gives the sale its return once, with eBay’s reason: the unit is back and the revenue refunded', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    seedOrders(h.ebay.state, 2, 1);
    // Each poll starts after it is asked for, so it took in what came before (an automatic
    // poll may have got there first: its own counts are not asserted, what it left is).
    await h.core.ebay.orders.poll();
    const sold = h.ebay.state.orders[0]!;
    const itemId = h.core.inventory.index.idsByEbayItemId(sold.lineItems![0]!.legacyItemId!)[0]!;
    const before = await h.call<Item>('inventory.get', { id: itemId });
    const dashboard = () => h.call<Dashboard>('analytics.dashboard', {});
    expect((await dashboard()).sales.refunds).toBe(0);

    cancelOrder(h, sold.orderId!);
    await h.core.ebay.orders.poll();
    expect((await h.call<Item>('inventory.get', { id: itemId })).quantity).toBe(before.quantity + 1);
    const { sales, moves } = await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database);
    expect(sales).toHaveLength(2);
    const returns = moves.filter((m) => m.kind === 'returned');
    expect(returns).toHaveLength(1);
    expect(returns[0]).toMatchObject({ itemId, delta: 1, saleId: sales.find((s) => s.itemId === itemId)!._id });
    expect(returns[0]!.note).toBe(`eBay order ${sold.orderId} cancelled: buyer asked cancel`);
    const money = (await dashboard()).sales;
    expect(money.unitsReturned).toBe(1);
    expect(money.refunds).toBe(Number(sold.lineItems![0]!.lineItemCost!.value));

    // Polled again (the overlap reads it once more): nothing more comes back.
    expect(await h.core.ebay.orders.poll()).toMatchObject({ returned: 0, recorded: 0, known: 2 });
    expect((await h.call<Item>('inventory.get', { id: itemId })).quantity).toBe(before.quantity + 1);
    expect((await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database)).moves).toHaveLength(3);
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);

  it('gives a line refunded in full its return, once; a partial refund is no return', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    seedOrders(h.ebay.state, 2, 1);
    await h.core.ebay.orders.poll();
    const [first, second] = h.ebay.state.orders;
    const line = first!.lineItems![0]!;
    const itemId = h.core.inventory.index.idsByEbayItemId(line.legacyItemId!)[0]!;
    const before = await h.call<Item>('inventory.get', { id: itemId });

    // The first line is refunded in full (after the buyer sent it back); the second gets $2 off.
    const at = new Date().toISOString();
    line.refunds = [{ amount: line.lineItemCost, refundDate: at, refundId: '5012345678' }];
    second!.lineItems![0]!.refunds = [
      { amount: { value: '2.00', currency: 'USD' }, refundDate: at, refundId: '5012345679' },
    ];
    first!.lastModifiedDate = at;
    second!.lastModifiedDate = at;
    await h.core.ebay.orders.poll();
    expect((await h.call<Item>('inventory.get', { id: itemId })).quantity).toBe(before.quantity + 1);
    const returns = (await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database)).moves.filter(
      (m) => m.kind === 'returned',
    );
    expect(returns).toHaveLength(1);
    expect(returns[0]).toMatchObject({
      itemId,
      delta: 1,
      note: `eBay order ${first!.orderId} refunded (refund 5012345678)`,
    });

    // Read again: nothing more comes back.
    expect(await h.core.ebay.orders.poll()).toMatchObject({ returned: 0, recorded: 0 });
    expect((await h.call<Item>('inventory.get', { id: itemId })).quantity).toBe(before.quantity + 1);

    // The $2 is money back without a return: the second sale carries it, and the figures count it once.
    const secondLine = second!.lineItems![0]!;
    const secondItem = h.core.inventory.index.idsByEbayItemId(secondLine.legacyItemId!)[0]!;
    const history = await h.call<{ entries: { type: string; sale?: { refunded: number } }[] }>('inventory.history', {
      id: secondItem,
    });
    expect(history.entries.find((e) => e.type === 'sale')!.sale!.refunded).toBe(2);
    const firstCost = Number(line.lineItemCost!.value);
    const secondCost = Number(secondLine.lineItemCost!.value);
    const money = (await h.call<Dashboard>('analytics.dashboard', {})).sales;
    expect(money.refunds).toBe(Math.round((firstCost + 2) * 100) / 100);
    expect(money.revenue).toBe(Math.round((firstCost + secondCost - firstCost - 2) * 100) / 100);

    // Later eBay refunds the rest and the unit comes back: in all, the line's cost was refunded, not $2 more.
    const later = new Date().toISOString();
    secondLine.refunds!.push({
      amount: { value: (secondCost - 2).toFixed(2), currency: 'USD' },
      refundDate: later,
      refundId: '5012345681',
    });
    second!.lastModifiedDate = later;
    expect(await h.core.ebay.orders.poll()).toMatchObject({ returned: 1 });
    const after = (await h.call<Dashboard>('analytics.dashboard', {})).sales;
    expect(after.refunds).toBe(Math.round((firstCost + secondCost) * 100) / 100);
    expect(after.revenue).toBe(0);
    expect(after.unitsReturned).toBe(2);
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);

  it('a cancelled order never taken in is no sale and no return', async () => {
    seedSite(h.ebay.state, 2);
    await h.connect('relay');
    await importListings();
    seedOrders(h.ebay.state, 1, 1);
    cancelOrder(h, h.ebay.state.orders[0]!.orderId!);
    expect(await h.core.ebay.orders.poll()).toMatchObject({ recorded: 0, returned: 0, cancelled: 1 });
    expect(await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database)).toEqual({ sales: [], moves: [] });
  }, 120_000);

  it('a line waiting to be matched leaves the list once eBay cancels or refunds it, so it never becomes a sale', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    // Listings FlipSync does not know: a two-line order and a one-line order wait to be matched.
    seedOrders(h.ebay.state, 2, 2, 900);
    await h.core.ebay.orders.poll();
    const waiting = await h.core.ebay.orders.unmatched();
    expect(waiting).toHaveLength(3);

    const [cancelled, refunded] = h.ebay.state.orders.slice(-2);
    cancelOrder(h, cancelled!.orderId!);
    const at = new Date().toISOString();
    const line = refunded!.lineItems![0]!;
    line.refunds = [{ amount: line.lineItemCost, refundDate: at, refundId: '5012345680' }];
    refunded!.lastModifiedDate = at;
    expect(await h.core.ebay.orders.poll()).toMatchObject({ unmatched: 0, recorded: 0, cancelled: 3 });
    expect(await h.core.ebay.orders.unmatched()).toEqual([]);
    expect((await h.core.ebay.orders.status()).unmatched).toBe(0);

    // The seller, with a list read before, matches one: refused, and nothing is recorded.
    await h.call('inventory.create', { sku: 'LAMP-901', title: 'Brass lamp', quantity: 3 });
    const gone = waiting.find((l) => l.orderId === refunded!.orderId)!;
    const answer = await h.core.dispatch(
      'ebay.orders.match',
      { orderId: gone.orderId, lineItemId: gone.lineItemId, sku: 'LAMP-901' },
      { transport: 'in-process' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database)).toEqual({ sales: [], moves: [] });
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);
});

describe('an eBay order line refunded in part while it waits to be matched', () => {
  it('becomes a sale that carries the refund once the seller matches it', async () => {
    seedSite(h.ebay.state, 3);
    await h.connect('relay');
    await importListings();
    // A listing FlipSync does not know: its one line waits to be matched.
    seedOrders(h.ebay.state, 1, 1, 901);
    await h.core.ebay.orders.poll();
    const [waiting] = await h.core.ebay.orders.unmatched();
    expect(waiting).toBeDefined();

    // eBay hands $2 back on it (no return); the order is modified, read again, and still waits.
    const order = h.ebay.state.orders.find((o) => o.orderId === waiting!.orderId)!;
    const line = order.lineItems![0]!;
    const at = new Date().toISOString();
    line.refunds = [{ amount: { value: '2.00', currency: 'USD' }, refundDate: at, refundId: '5012345690' }];
    order.lastModifiedDate = at;
    expect(await h.core.ebay.orders.poll()).toMatchObject({ recorded: 0, returned: 0 });
    expect(await h.core.ebay.orders.unmatched()).toHaveLength(1);

    // Matched later, when eBay has nothing new to say about the order: the sale has its $2.
    const item = await h.call<Item>('inventory.create', { sku: 'LAMP-901', title: 'Brass lamp', quantity: 3 });
    await h.call('ebay.orders.match', { orderId: waiting!.orderId, lineItemId: waiting!.lineItemId, sku: 'LAMP-901' });
    const { sales, moves } = await salesAndMoves(h.core.inventory.db as unknown as PouchDB.Database);
    expect(sales).toHaveLength(1);
    expect(sales[0]).toMatchObject({ itemId: item.id, refunded: 2 });
    expect(moves.filter((m) => m.kind === 'returned')).toEqual([]);
    const cost = Number(line.lineItemCost!.value);
    const money = (await h.call<Dashboard>('analytics.dashboard', {})).sales;
    expect(money.refunds).toBe(2);
    expect(money.revenue).toBe(Math.round((cost - 2) * 100) / 100);
    // Read again: the refund is not counted twice.
    order.lastModifiedDate = new Date().toISOString();
    await h.core.ebay.orders.poll();
    expect((await h.call<Dashboard>('analytics.dashboard', {})).sales.refunds).toBe(2);
    expect(h.ebay.violations).toEqual([]);
  }, 120_000);
});

describe('the same eBay orders polled by two devices that sync', () => {
  let server: CouchServer;
  let b: Device;
  afterEach(async () => {
    await b?.close();
    await server?.close();
  });

  it('become one sale per line and one stock movement, and one return after a cancellation', async () => {
    server = await startCouchServer({ user: USER });
    seedSite(h.ebay.state, 6);
    await h.connect('relay');
    await importListings();
    // The second device: same eBay account, its own sign-in; the items reach it by sync.
    b = await startSecondDevice(h, server, USER, {
      ebay: { relayUrl: h.relay.origin },
      returnTo: 'http://127.0.0.1:45679/ebay/callback',
    });
    const quantityOnB = async (id: string) => (await b.call<Item>('inventory.get', { id })).quantity;
    const ids = h.ebay.state.site.map((l) => h.core.inventory.index.idsByEbayItemId(l.itemId)[0]!);
    await eventually(async () => {
      for (const id of ids) expect(await quantityOnB(id)).toBeGreaterThan(0);
    }, 60_000);
    const start = new Map<string, number>();
    for (const id of ids) start.set(id, await quantityOnB(id));

    // Both devices offline from each other; both poll eBay and take the same orders in.
    await server.stop();
    seedOrders(h.ebay.state, 5, 1); // five orders, the fifth with two lines: six lines
    await h.core.ebay.orders.poll();
    await b.core.ebay.orders.poll();
    const devices = [
      { name: 'a', db: h.core.inventory.db as unknown as PouchDB.Database, call: h.call },
      { name: 'b', db: b.inventory, call: b.call },
    ];
    // With the server down, what each device holds it recorded itself.
    const own = async (returned: number) => {
      for (const d of devices) {
        const { sales, moves } = await salesAndMoves(d.db);
        expect([sales.length, moves.filter((m) => m.kind === 'returned').length], d.name).toEqual([6, returned]);
      }
    };
    await own(0);
    await server.restart();

    // Replication delivers changes in order: once each device holds the other's marker, written
    // after its poll, it holds everything that device wrote before it.
    let round = 0;
    const settled = async (returned: number) => {
      round++;
      const markers = await Promise.all(
        devices.map((d) => d.call<Item>('inventory.create', { sku: `MARK-${d.name}-${round}`, title: 'Marker' })),
      );
      for (const d of devices) {
        for (const m of markers) await eventually(() => d.call('inventory.get', { id: m.id }), 60_000);
        await eventually(async () => {
          const { sales, moves } = await salesAndMoves(d.db);
          expect(sales, d.name).toHaveLength(6);
          expect(
            moves.filter((m) => m.kind === 'sold'),
            d.name,
          ).toHaveLength(6);
          expect(
            moves.filter((m) => m.kind === 'returned'),
            d.name,
          ).toHaveLength(returned);
        }, 60_000);
      }
    };
    await settled(0);
    // Each line took one unit, once, on both devices.
    for (const d of devices) {
      let sold = 0;
      for (const id of ids) sold += start.get(id)! - (await d.call<Item>('inventory.get', { id })).quantity;
      expect(sold, d.name).toBe(6);
    }

    // eBay cancels the two-line order; both devices, offline again, see it.
    await server.stop();
    cancelOrder(h, h.ebay.state.orders[4]!.orderId!);
    await h.core.ebay.orders.poll();
    await b.core.ebay.orders.poll();
    await own(2);
    await server.restart();
    await settled(2);
    for (const d of devices) {
      const { sales } = await salesAndMoves(d.db);
      const dashboard = await d.call<Dashboard>('analytics.dashboard', {});
      expect(dashboard.sales.unitsSold - dashboard.sales.unitsReturned, d.name).toBe(4);
      expect(sales.length, d.name).toBe(6);
    }
    expect(h.ebay.violations).toEqual([]);
  }, 300_000);
});
