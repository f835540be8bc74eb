/**
 * Deciding a group: one scan's proposals of a kind approved, rejected or re-priced as one.
 * Each member is still applied on its own (its item checked and updated alone), and only the
 * members still waiting are touched, so deciding a group twice changes nothing more.
 */
import type { Autonomy, Proposal, ProposalGroup } from '@shared/api/agents';
import { sentenceMoney } from '@shared/domain/money';
import { AppError } from '../errors';
import type { InventoryService } from '../inventory/service';
import { summarizeGroup } from './group-summary';
import { markdownDraft } from './health/markdown';
import { riskOf, type ProposalStore, type ProposalTerms } from './proposals';

export interface GroupResult {
  group: ProposalGroup;
  proposals: Proposal[];
}

const waiting = (members: Proposal[]) => members.filter((p) => p.status === 'pending').map((p) => p.id);

export class ProposalGroups {
  constructor(
    private readonly store: ProposalStore,
    private readonly inventory: InventoryService,
    private readonly terms: () => Promise<ProposalTerms>,
    private readonly autonomy: (agent: Proposal['agent']) => Promise<Autonomy>,
  ) {}

  approve(groupId: string): Promise<GroupResult> {
    return this.decide(groupId, (ids) => this.store.approve(ids));
  }

  reject(groupId: string): Promise<GroupResult> {
    return this.decide(groupId, (ids) => this.store.reject(ids));
  }

  /** Each waiting markdown priced again at `pct` off the price it was proposed from. */
  async edit(groupId: string, pct: number): Promise<GroupResult> {
    const members = await this.store.group(groupId);
    if (members[0]!.kind !== 'markdown') {
      throw new AppError('BAD_REQUEST', 'Only a markdown group has a percentage to change.');
    }
    const { currency, belowBreakEven, fees } = await this.terms();
    const money = sentenceMoney(currency);
    const autonomy = await this.autonomy(members[0]!.agent);
    const proposals = await this.store.revise(waiting(members), async (p) => {
      const from = p.before.listPrice;
      if (typeof from !== 'number') return null;
      const item = await this.inventory.get(p.itemId).catch(() => null);
      // A deleted item keeps its proposal as it was; approving it answers why it cannot apply.
      if (!item) return null;
      const draft = markdownDraft({ ...item, listPrice: from }, pct, belowBreakEven, money, fees);
      // No room above break-even: the member keeps its price and the group its new percentage.
      const after = draft?.after ?? p.after;
      return {
        ...(draft ? { summary: draft.summary, why: draft.why } : {}),
        after,
        risk: riskOf({ kind: p.kind, before: p.before, after }, autonomy),
        group: { id: groupId, pct },
      };
    });
    return { group: summarizeGroup(await this.store.group(groupId)), proposals };
  }

  private async decide(groupId: string, decide: (ids: string[]) => Promise<Proposal[]>): Promise<GroupResult> {
    const ids = waiting(await this.store.group(groupId));
    const proposals = ids.length > 0 ? await decide(ids) : [];
    return { group: summarizeGroup(await this.store.group(groupId)), proposals };
  }
}
