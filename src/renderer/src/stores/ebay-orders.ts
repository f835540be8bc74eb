/**
 * eBay orders in the renderer: when they were last read, what that took in, how many lines
 * wait to be matched, and "Check now". Background polls arrive as `ebay.orders` events; the
 * outbox of quantity updates for eBay as `ebay.outbox` events.
 */
import { create } from 'zustand';
import { z } from 'zod';
import {
  EbayOrdersStatusSchema,
  EbayOutboxStatusSchema,
  UnmatchedLineSchema,
  type ApiError,
  type EbayOrdersStatus,
  type EbayOutboxStatus,
  routes,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

export type UnmatchedLine = z.infer<typeof UnmatchedLineSchema>;
const lineKey = (l: { orderId: string; lineItemId: string }) => `${l.orderId}/${l.lineItemId}`;

interface EbayOrdersStore {
  status: EbayOrdersStatus | null;
  /** Sold lines that match no item yet, oldest first. */
  unmatched: UnmatchedLine[];
  /** The line being matched, and a refusal per line (by order/line key). */
  matching: string | null;
  matchErrors: Record<string, ApiError>;
  /** Matches a waiting line to the item with this SKU (later lines like it match by themselves). */
  match(line: UnmatchedLine, sku: string): Promise<boolean>;
  outbox: EbayOutboxStatus | null;
  checking: boolean;
  error: ApiError | null;
  load(): Promise<void>;
  watch(): () => void;
  checkNow(): Promise<void>;
}

export const useEbayOrders = create<EbayOrdersStore>((set, get) => ({
  status: null,
  unmatched: [],
  matching: null,
  matchErrors: {},
  outbox: null,
  checking: false,
  error: null,
  load: async () => {
    const [orders, outbox, unmatched] = await Promise.all([
      api.call('ebay.orders.status', {}),
      api.call('ebay.outbox.status', {}),
      api.call('ebay.orders.unmatched', {}),
    ]);
    const r = read(orders, EbayOrdersStatusSchema);
    const o = read(outbox, EbayOutboxStatusSchema);
    const u = read(unmatched, z.array(UnmatchedLineSchema));
    set({
      ...('data' in r ? { status: r.data } : { error: r.error }),
      ...('data' in o ? { outbox: o.data } : {}),
      ...('data' in u ? { unmatched: u.data } : {}),
    });
  },
  match: async (line, sku) => {
    const key = lineKey(line);
    set({ matching: key });
    const input = { orderId: line.orderId, lineItemId: line.lineItemId, sku };
    const r = read(await api.call('ebay.orders.match', input), routes['ebay.orders.match'].output);
    const { [key]: _, ...others } = get().matchErrors;
    if ('error' in r) {
      set({ matching: null, matchErrors: { ...others, [key]: r.error } });
      return false;
    }
    set({ matching: null, matchErrors: others });
    await get().load();
    return true;
  },
  watch: () => {
    const stops = [
      api.on('ebay.orders', (payload) => {
        const parsed = EbayOrdersStatusSchema.safeParse(payload);
        if (!parsed.success) return;
        const before = get().status?.unmatched;
        set({ status: parsed.data });
        // Lines to match came or went (a poll, or a match on another window): list them again.
        if (parsed.data.unmatched !== before || parsed.data.unmatched !== get().unmatched.length) void get().load();
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
