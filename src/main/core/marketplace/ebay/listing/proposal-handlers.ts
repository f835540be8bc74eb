/**
 * A listing writer's proposal, taken to eBay: its preflight (the item as the proposal would
 * leave it) before the seller is offered "Apply and publish", and that decision itself. It is
 * always the seller's: nothing here runs by itself or in automatic mode.
 */
import type { ebayListingRoutes } from '@shared/api/ebay-listing';
import type { Item, ItemFields } from '@shared/domain/inventory';
import type { AgentsService } from '../../../agents/service';
import { AppError } from '../../../errors';
import type { HandlersFor } from '../../../router';
import type { EbayService } from '../service';
import { notReady, readyToList } from './preflight';

type Routes = Pick<typeof ebayListingRoutes, 'ebay.listing.proposalPreflight' | 'ebay.listing.applyAndPublish'>;

export function listingProposalHandlers(ebay: EbayService, agents: AgentsService): HandlersFor<Routes> {
  const proposed = async (proposalId: string): Promise<{ item: Item; pending: boolean }> => {
    const proposal = await agents.proposals.get(proposalId);
    if (proposal.kind !== 'listing')
      throw new AppError('BAD_REQUEST', 'Only a listing writer’s proposal can be published on eBay.');
    const item = await ebay.inventory.get(proposal.itemId);
    const pending = proposal.status === 'pending';
    return { item: pending ? { ...item, ...(proposal.after as Partial<ItemFields>) } : item, pending };
  };
  return {
    'ebay.listing.proposalPreflight': async ({ proposalId }) =>
      await ebay.listing.preflightOf((await proposed(proposalId)).item),
    'ebay.listing.applyAndPublish': async ({ proposalId }) => {
      const { item, pending } = await proposed(proposalId);
      const check = await ebay.listing.preflightOf(item);
      // Nothing is applied when eBay would refuse the listing: the seller fixes it first.
      if (!readyToList(check.lines)) throw notReady(check.lines);
      const [proposal] = pending
        ? await agents.proposals.approve([proposalId])
        : [await agents.proposals.get(proposalId)];
      if (proposal!.status !== 'applied') return { proposal: proposal!, listing: null };
      return { proposal: proposal!, listing: await ebay.listing.publisher.publish(item.id) };
    },
  };
}
