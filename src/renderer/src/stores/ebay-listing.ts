/**
 * Listing one item on eBay, in the editor: the preflight checklist (asked for, since it calls
 * eBay), publishing or ending the listing, and where that stands. The queue in core reports
 * each step as `ebay.listing` events; a finished publish checks the item again.
 */
import { create } from 'zustand';
import {
  EbayListingStateSchema,
  PreflightSchema,
  routes,
  type ApiError,
  type EbayListingState,
  type Preflight,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface EbayListingStore {
  itemId: string | null;
  preflight: Preflight | null;
  listing: EbayListingState | null;
  checking: boolean;
  sending: boolean;
  error: ApiError | null;
  /** The editor opened another item: what was shown belongs to the last one. */
  open(itemId: string): Promise<void>;
  check(): Promise<void>;
  publish(): Promise<void>;
  end(): Promise<void>;
  /** Asks eBay what listing the item would cost (a draft offer on eBay, unpublished). */
  askFees(): Promise<void>;
  /** Moves a site listing into the Inventory API (the seller confirmed it is one way). */
  migrate(): Promise<void>;
  watch(): () => void;
}

export const useEbayListing = create<EbayListingStore>((set, get) => ({
  itemId: null,
  preflight: null,
  listing: null,
  checking: false,
  sending: false,
  error: null,
  open: async (itemId) => {
    if (get().itemId === itemId) return;
    set({ itemId, preflight: null, listing: null, error: null, checking: false, sending: false });
    const r = read(await api.call('ebay.listing.state', { id: itemId }), routes['ebay.listing.state'].output);
    if (get().itemId === itemId && 'data' in r) set({ listing: r.data });
  },
  check: async () => {
    const id = get().itemId;
    if (!id) return;
    set({ checking: true, error: null });
    const r = read(await api.call('ebay.listing.preflight', { id }), PreflightSchema);
    if (get().itemId !== id) return;
    set({
      checking: false,
      ...('data' in r ? { preflight: r.data, listing: r.data.listing } : { error: r.error }),
    });
  },
  publish: () => send('ebay.listing.publish'),
  migrate: () => ask((id) => api.call('ebay.listing.migrate', { id, understood: true })),
  askFees: () => ask((id) => api.call('ebay.listing.fees', { id })),
  end: () => send('ebay.listing.end'),
  watch: () =>
    api.on('ebay.listing', (payload) => {
      const parsed = EbayListingStateSchema.safeParse(payload);
      if (!parsed.success || parsed.data.itemId !== get().itemId) return;
      const was = get().listing?.state;
      set({ listing: newer(get().listing, parsed.data) });
      // Done: the checklist reflects the live listing (no fees, quantity as listed).
      if (parsed.data.state === 'done' && was !== 'done' && get().preflight) void get().check();
    }),
}));

/** A call that answers the item's preflight (moving a listing, asking for fees). */
async function ask(call: (id: string) => ReturnType<typeof api.call>): Promise<void> {
  const { itemId } = useEbayListing.getState();
  if (!itemId) return;
  useEbayListing.setState({ sending: true, error: null });
  const r = read(await call(itemId), PreflightSchema);
  if (useEbayListing.getState().itemId !== itemId) return;
  useEbayListing.setState({ sending: false, ...('data' in r ? { preflight: r.data } : { error: r.error }) });
}

async function send(route: 'ebay.listing.publish' | 'ebay.listing.end'): Promise<void> {
  const { itemId } = useEbayListing.getState();
  if (!itemId) return;
  useEbayListing.setState({ sending: true, error: null });
  const r = read(await api.call(route, { id: itemId }), EbayListingStateSchema);
  if (useEbayListing.getState().itemId !== itemId) return;
  // An event may have brought a later state already (the queue runs at once): keep the newest.
  const shown = useEbayListing.getState().listing;
  useEbayListing.setState({
    sending: false,
    ...('data' in r ? { listing: newer(shown, r.data) } : { error: r.error }),
  });
}

const newer = (a: EbayListingState | null, b: EbayListingState) =>
  a && a.itemId === b.itemId && a.updatedAt > b.updatedAt ? a : b;
