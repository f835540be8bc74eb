/**
 * The eBay activity view: sales taken in from eBay lately (reloaded when a poll reports),
 * and the seller's decisions on quantity updates (retry now, drop). The outbox itself lives
 * in the orders store, which follows `ebay.outbox` events.
 */
import { create } from 'zustand';
import { EbayOutboxStatusSchema, routes, type ApiError } from '@shared/api';
import type { z } from 'zod';
import { api } from '../api/client';
import { read } from './inventory-result';
import { useEbayOrders } from './ebay-orders';

const RecentSchema = routes['ebay.orders.recent'].output;
export type RecentSale = z.infer<typeof RecentSchema>[number];

interface EbayActivityStore {
  sales: RecentSale[] | null;
  /** The listing whose update is being retried or dropped. */
  acting: string | null;
  error: ApiError | null;
  load(): Promise<void>;
  watch(): () => void;
  retry(listing: string): Promise<void>;
  drop(listing: string): Promise<void>;
}

export const useEbayActivity = create<EbayActivityStore>((set, get) => {
  async function decide(route: 'ebay.outbox.retry' | 'ebay.outbox.drop', listing: string) {
    set({ acting: listing, error: null });
    const r = read(await api.call(route, { listing }), EbayOutboxStatusSchema);
    if ('error' in r) return set({ acting: null, error: r.error });
    useEbayOrders.setState({ outbox: r.data });
    set({ acting: null });
  }
  return {
    sales: null,
    acting: null,
    error: null,
    load: async () => {
      const r = read(await api.call('ebay.orders.recent', { limit: 50 }), RecentSchema);
      set('data' in r ? { sales: r.data } : { error: r.error });
    },
    // A poll that took sales in, or settled their fees, announces itself.
    watch: () => api.on('ebay.orders', () => void get().load()),
    retry: (listing) => decide('ebay.outbox.retry', listing),
    drop: (listing) => decide('ebay.outbox.drop', listing),
  };
});
