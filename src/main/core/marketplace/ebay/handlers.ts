import type { ebayRoutes } from '@shared/api/ebay';
import type { ebayListingRoutes } from '@shared/api/ebay-listing';
import type { HandlersFor } from '../../router';
import { recentEbaySales } from './activity';
import type { EbayService } from './service';

type OwnRoutes = typeof ebayRoutes &
  Omit<typeof ebayListingRoutes, 'ebay.listing.proposalPreflight' | 'ebay.listing.applyAndPublish'>;

export function ebayHandlers(ebay: EbayService): HandlersFor<OwnRoutes> {
  return {
    'ebay.listing.setup': () => ebay.listing.setup(),
    'ebay.listing.optIn': () => ebay.listing.optIn(),
    'ebay.listing.createLocation': (input) => ebay.listing.createLocation(input),
    'ebay.listing.preflight': ({ id }) => ebay.listing.preflight(id),
    'ebay.listing.publish': ({ id }) => ebay.listing.publisher.publish(id),
    'ebay.listing.end': ({ id }) => ebay.listing.publisher.end(id),
    'ebay.listing.state': ({ id }) => ebay.listing.publisher.state(id),
    'ebay.listing.migrate': ({ id }) => ebay.listing.migrate(id),
    'ebay.listing.fees': ({ id }) => ebay.listing.fees(id),
    'ebay.status': () => ebay.status(),
    'ebay.setClientSecret': async ({ secret }) => {
      await ebay.account.setClientSecret(secret);
      return ebay.announce();
    },
    'ebay.connect.begin': async ({ returnTo }) => ({ url: await ebay.account.begin(returnTo) }),
    'ebay.connect.complete': async ({ url }) => {
      await ebay.account.complete(url);
      return ebay.announce();
    },
    'ebay.disconnect': async () => {
      await ebay.importer.cancel();
      await ebay.account.disconnect();
      return ebay.announce();
    },
    'ebay.import.start': () => ebay.importer.start(),
    'ebay.import.cancel': () => ebay.importer.cancel(),
    'ebay.import.status': () => ebay.importStatus(),
    'ebay.orders.poll': async () => {
      await ebay.orders.poll();
      return ebay.orders.status();
    },
    'ebay.orders.status': () => ebay.orders.status(),
    'ebay.outbox.status': () => ebay.outbox.status(),
    'ebay.outbox.retry': async ({ listing }) => {
      await ebay.outbox.retry(listing);
      return ebay.outbox.status();
    },
    'ebay.outbox.drop': async ({ listing }) => {
      await ebay.outbox.drop(listing);
      return ebay.outbox.status();
    },
    'ebay.orders.unmatched': async () =>
      (await ebay.orders.unmatched()).map(
        ({ orderId, lineItemId, sku, itemNumber, title, quantity, at, price, currency, refunded }) => ({
          orderId,
          lineItemId,
          sku,
          itemNumber,
          title,
          quantity,
          at,
          price: price ?? null,
          currency: currency ?? '',
          refunded: refunded ?? 0,
        }),
      ),
    'ebay.orders.match': (target) => ebay.orders.match(target),
    'ebay.orders.recent': (input) => recentEbaySales(ebay.inventory, input?.limit ?? 50),
  };
}
