/**
 * eBay in the renderer: the account status, signing in and out, and the listing import with
 * its progress events. Tokens and the client secret never come here.
 */
import { create } from 'zustand';
import {
  EbayImportStatusSchema,
  EbayStatusSchema,
  routes,
  type ApiError,
  type EbayImportStatus,
  type EbayStatus,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface EbayStore {
  status: EbayStatus | null;
  importStatus: EbayImportStatus | null;
  error: ApiError | null;
  busy: boolean;
  load(): Promise<void>;
  watch(): () => void;
  /** Opens eBay's consent page; browser mode gets the code back at /ebay/callback. */
  connect(): Promise<void>;
  finish(url: string): Promise<boolean>;
  disconnect(): Promise<void>;
  saveSecret(secret: string): Promise<boolean>;
  startImport(): Promise<void>;
  cancelImport(): Promise<void>;
}

export const useEbayStore = create<EbayStore>((set, get) => {
  const run = async <T>(
    work: () => Promise<{ data: T } | { error: ApiError }>,
    apply: (data: T) => void,
  ): Promise<boolean> => {
    set({ busy: true, error: null });
    const r = await work();
    if ('data' in r) apply(r.data);
    set({ busy: false, ...('error' in r ? { error: r.error } : {}) });
    return 'data' in r;
  };
  const setStatus = (status: EbayStatus) => set({ status });
  return {
    status: null,
    importStatus: null,
    error: null,
    busy: false,
    load: async () => {
      const s = read(await api.call('ebay.status', {}), EbayStatusSchema);
      const i = read(await api.call('ebay.import.status', {}), EbayImportStatusSchema);
      set({
        ...('data' in s ? { status: s.data } : { error: s.error }),
        ...('data' in i ? { importStatus: i.data } : {}),
      });
    },
    watch: () => {
      const offImport = api.on('ebay.import.progress', (payload) => {
        const parsed = EbayImportStatusSchema.safeParse(payload);
        if (parsed.success) set({ importStatus: parsed.data });
      });
      // A sign-in finished in another tab or window (browser mode's callback) shows here too.
      const offStatus = api.on('ebay.status', (payload) => {
        const parsed = EbayStatusSchema.safeParse(payload);
        if (parsed.success) set({ status: parsed.data });
      });
      return () => {
        offImport();
        offStatus();
      };
    },
    connect: async () => {
      const bridge = window.flipsync;
      // Browser mode: the accept page sends the code to this app's own address.
      const returnTo = bridge ? undefined : `${window.location.origin}/ebay/callback`;
      let url: string | null = null;
      await run(
        async () =>
          read(await api.call('ebay.connect.begin', returnTo ? { returnTo } : {}), routes['ebay.connect.begin'].output),
        (begun) => (url = begun.url),
      );
      if (!url) return;
      if (!bridge?.consent) {
        window.open(url, '_blank', 'noopener');
        return;
      }
      // The desktop app: eBay's pages in a window of the app, which hands back where they landed.
      const landed = await bridge.consent(url);
      if (landed) await get().finish(landed);
    },
    finish: (url) =>
      run(async () => read(await api.call('ebay.connect.complete', { url }), EbayStatusSchema), setStatus),
    disconnect: async () => {
      await run(async () => read(await api.call('ebay.disconnect', {}), EbayStatusSchema), setStatus);
    },
    saveSecret: (secret) =>
      run(async () => read(await api.call('ebay.setClientSecret', { secret }), EbayStatusSchema), setStatus),
    startImport: async () => {
      await run(
        async () => read(await api.call('ebay.import.start', {}), EbayImportStatusSchema),
        (importStatus) => set({ importStatus }),
      );
    },
    cancelImport: async () => {
      await run(
        async () => read(await api.call('ebay.import.cancel', {}), EbayImportStatusSchema),
        (importStatus) => set({ importStatus }),
      );
    },
  };
});
