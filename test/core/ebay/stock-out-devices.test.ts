/**
 * Stock out across devices: the seller sells the last units at a market stall on a laptop
 * that cannot reach eBay. Sync brings the sale to the other device, which is online, and that
 * one sets the listing to 0 on eBay. When the laptop is back online it sends what it owed —
 * the same 0, derived from the same merged stock — and nothing changes on eBay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EbayOutboxStatus } from '../../../src/shared/api';
import type { Item } from '../../../src/shared/domain/inventory';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { ebayForEachTest } from '../../support/ebay/harness';
import { eventually, type Device } from '../sync/devices';
import { importedOnTwoDevices } from './second-device';

const h = ebayForEachTest();
const USER = { username: 'seller', password: 'stock-out-sync-pw' };

describe('a sale on a device that cannot reach eBay', () => {
  let server: CouchServer;
  let b: Device;
  afterEach(async () => {
    await b?.close();
    await server?.close();
  });

  it('reaches eBay as quantity 0 from the device that is online, and the other sends the same 0 later', async () => {
    server = await startCouchServer({ user: USER });
    // The laptop signs in to the same eBay account with the seller's own keys (so the double
    // can tell its calls apart), and both devices sync.
    b = await importedOnTwoDevices(h, server, USER, 3);
    const listing = h.ebay.state.site[1]!;
    const id = h.core.inventory.index.idsByEbayItemId(listing.itemId)[0]!;
    const available = () => listing.quantity - listing.quantitySold;
    const units = available();
    expect(units).toBeGreaterThan(1);
    await eventually(async () => expect((await b.call<Item>('inventory.get', { id })).quantity).toBe(units), 60_000);
    await b.core.ebay.outbox.idle();
    await h.core.ebay.outbox.idle();

    // The laptop loses its way to eBay (its connections are cut), and sells every unit.
    const ownClient = h.ownApp.clientId;
    h.ebay.state.unreachable = ({ headers }) => {
      const token = headers.get('authorization')?.replace(/^Bearer /, '') ?? headers.get('x-ebay-api-iaf-token');
      const basic = headers.get('authorization')?.startsWith('Basic ')
        ? Buffer.from(headers.get('authorization')!.slice(6), 'base64').toString()
        : '';
      return (
        (token ? h.ebay.state.accessTokens.get(token)?.clientId === ownClient : false) || basic.startsWith(ownClient)
      );
    };
    const sentBefore = h.ebay.state.quantityUpdates.length;
    await b.call('inventory.recordSale', { id, quantity: units, price: 15, channel: 'market stall' });

    // The online device learns of the sale by sync and sets the listing to 0 on eBay.
    await eventually(async () => expect(available()).toBe(0), 60_000);
    // The laptop tried and could not: its update waits, with the reason.
    await eventually(async () => {
      const status = await b.call<EbayOutboxStatus>('ebay.outbox.status');
      const entry = status.entries.find((e) => e.listing === listing.itemId);
      expect(entry?.state).toBe('pending');
      expect(entry?.reason).toBeTruthy();
    }, 60_000);

    // Back online: it sends what it owed — the same 0.
    h.ebay.state.unreachable = null;
    await eventually(async () => {
      const status = await b.call<EbayOutboxStatus>('ebay.outbox.status');
      expect(status.entries.find((e) => e.listing === listing.itemId)?.state).toBe('sent');
    }, 60_000);
    const sent = h.ebay.state.quantityUpdates.slice(sentBefore).filter((u) => u.listing === listing.itemId);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.every((u) => u.quantity === 0)).toBe(true);
    expect(available()).toBe(0);
    expect(h.ebay.violations).toEqual([]);
  }, 240_000);
});
