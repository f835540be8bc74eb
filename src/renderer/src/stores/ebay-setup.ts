/**
 * Settings → eBay → Listing setup: what eBay holds for listing (business-policy opt-in, the
 * policies, inventory locations), read when the panel opens and after each change made here.
 * The choices themselves are settings (saved through the settings store).
 */
import { create } from 'zustand';
import { EbayListingSetupSchema, type ApiError, type EbayListingSetup, type LocationInput } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface EbaySetupStore {
  setup: EbayListingSetup | null;
  busy: 'reading' | 'opting-in' | 'creating' | null;
  error: ApiError | null;
  load(): Promise<void>;
  optIn(): Promise<void>;
  createLocation(input: LocationInput): Promise<boolean>;
}

export const useEbaySetup = create<EbaySetupStore>((set) => {
  const run = async (busy: EbaySetupStore['busy'], call: () => ReturnType<typeof api.call>): Promise<boolean> => {
    set({ busy, error: null });
    const r = read(await call(), EbayListingSetupSchema);
    set({ busy: null, ...('data' in r ? { setup: r.data } : { error: r.error }) });
    return 'data' in r;
  };
  return {
    setup: null,
    busy: null,
    error: null,
    load: async () => void (await run('reading', () => api.call('ebay.listing.setup', {}))),
    optIn: async () => void (await run('opting-in', () => api.call('ebay.listing.optIn', {}))),
    createLocation: (input) => run('creating', () => api.call('ebay.listing.createLocation', input)),
  };
});
