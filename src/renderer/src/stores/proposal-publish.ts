/**
 * "Apply and publish" on a listing writer's proposal: its preflight (the item as the proposal
 * would leave it), run when the card shows while eBay is connected, and the seller's decision
 * to apply it and publish. Kept per proposal; nothing here runs without the seller.
 */
import { create } from 'zustand';
import { EbayStatusSchema, PreflightSchema, routes, type ApiError, type Preflight } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

export interface ProposalPublish {
  state: 'checking' | 'not-connected' | 'checked' | 'publishing' | 'published' | 'failed';
  preflight: Preflight | null;
  error: ApiError | null;
  /** What publishing answered: the listing's queue state, or why the proposal was not applied. */
  result: string | null;
}

interface ProposalPublishStore {
  byId: Record<string, ProposalPublish>;
  /**
   * What the last "Apply and publish" answered, shown above the list: an applied proposal's
   * card leaves the list at once, and its own status line with it.
   */
  last: { itemTitle: string; text: string; ok: boolean } | null;
  check(proposalId: string): Promise<void>;
  applyAndPublish(proposalId: string): Promise<void>;
}

export const useProposalPublish = create<ProposalPublishStore>((set, get) => {
  const put = (id: string, next: Partial<ProposalPublish>) =>
    set({
      byId: {
        ...get().byId,
        [id]: { state: 'checking', preflight: null, error: null, result: null, ...get().byId[id], ...next },
      },
    });
  return {
    byId: {},
    last: null,
    check: async (proposalId) => {
      put(proposalId, { state: 'checking', error: null });
      const status = read(await api.call('ebay.status', {}), EbayStatusSchema);
      if ('error' in status || !status.data.connected) return put(proposalId, { state: 'not-connected' });
      const r = read(await api.call('ebay.listing.proposalPreflight', { proposalId }), PreflightSchema);
      put(proposalId, 'data' in r ? { state: 'checked', preflight: r.data } : { state: 'failed', error: r.error });
    },
    applyAndPublish: async (proposalId) => {
      put(proposalId, { state: 'publishing', error: null });
      const r = read(
        await api.call('ebay.listing.applyAndPublish', { proposalId }),
        routes['ebay.listing.applyAndPublish'].output,
      );
      if ('error' in r) return put(proposalId, { state: 'failed', error: r.error });
      const { proposal, listing } = r.data;
      const text = listing
        ? 'Applied; publishing on eBay (the item editor shows its progress).'
        : (proposal.result ?? 'The proposal could not be applied; nothing was published.');
      set({ last: { itemTitle: proposal.itemTitle, text, ok: Boolean(listing) } });
      put(proposalId, { state: listing ? 'published' : 'failed', result: text });
    },
  };
});
