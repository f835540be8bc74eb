/**
 * eBay orders in the renderer: when they were last read, what that took in, how many lines
 * wait to be matched, and "Check now". Background polls arrive as `ebay.orders` events; the
 * outbox of quantity updates for eBay as `ebay.outbox` events.
 */
import { create } from 'zustand';
import {
  EbayOrdersStatusSchema,
  EbayOutboxStatusSchema,
  type ApiError,
  type EbayOrdersStatus,
  type EbayOutboxStatus,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface EbayOrdersStore {
  status: EbayOrdersStatus | null;
  outbox: EbayOutboxStatus | null;
  checking: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  watch(): () => void;
  checkNow(): Promise<void>;
}

export const useEbayOrders = create<EbayOrdersStore>((set, get) => ({
  status: null,
  outbox: null,
  checking: false,
  error: null,
  load: async () => {
    const [orders, outbox] = await Promise.all([
      api.call('ebay.orders.status', {}),
      api.call('ebay.outbox.status', {}),
    ]);
    const r = read(orders, EbayOrdersStatusSchema);
    const o = read(outbox, EbayOutboxStatusSchema);
    set({
      ...('data' in r ? { status: r.data } : { error: r.error }),
      ...('data' in o ? { outbox: o.data } : {}),
    });
  },
  watch: () => {
    const stops = [
      api.on('ebay.orders', (payload) => {
        const parsed = EbayOrdersStatusSchema.safeParse(payload);
        if (parsed.success) set({ status: parsed.data });
      }),
      api.on('ebay.outbox', (payload) => {
        const parsed = EbayOutboxStatusSchema.safeParse(payload);
        if (parsed.success) set({ outbox: parsed.data });
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
