/**
 * eBay orders in the renderer: when they were last read, what that took in, how many lines
 * wait to be matched, and "Check now". Background polls arrive as `ebay.orders` events.
 */
import { create } from 'zustand';
import { EbayOrdersStatusSchema, type ApiError, type EbayOrdersStatus } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface EbayOrdersStore {
  status: EbayOrdersStatus | null;
  checking: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  watch(): () => void;
  checkNow(): Promise<void>;
}

export const useEbayOrders = create<EbayOrdersStore>((set, get) => ({
  status: null,
  checking: false,
  error: null,
  load: async () => {
    const r = read(await api.call('ebay.orders.status', {}), EbayOrdersStatusSchema);
    set('data' in r ? { status: r.data } : { error: r.error });
  },
  watch: () => {
    const stops = [
      api.on('ebay.orders', (payload) => {
        const parsed = EbayOrdersStatusSchema.safeParse(payload);
        if (parsed.success) set({ status: parsed.data });
      }),
      // Connected or disconnected (maybe in another tab): whether orders are read changed.
      api.on('ebay.status', () => void get().load()),
    ];
    return () => stops.forEach((stop) => stop());
  },
  checkNow: async () => {
    set({ checking: true, error: null });
    const r = read(await api.call('ebay.orders.poll', {}), EbayOrdersStatusSchema);
    set({ checking: false, ...('data' in r ? { status: r.data } : { error: r.error }) });
  },
}));
