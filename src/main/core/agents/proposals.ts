/**
 * Proposals: the only way an agent changes the seller's data. An agent proposes (before,
 * after, why, confidence); the seller approves or rejects; an approved proposal is applied
 * through the inventory service and the result is recorded on the proposal.
 *
 * Applying checks that every field the proposal changes still holds the value the agent saw.
 * If the seller (or another device) changed one meanwhile, the proposal fails with the reason
 * and nothing is overwritten.
 */
import type { ItemFields } from '@shared/domain/inventory';
import type { MarketComp, AgentId, Autonomy, Proposal, ProposalGroupRef, ProposalKind } from '@shared/api/agents';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { MONEY_FIELDS } from '@shared/domain/field-labels';
import { sentenceMoney } from '@shared/domain/money';
import { fieldLabel } from '../inventory/fields';
import type { InventoryService } from '../inventory/service';
import { isNotFound, newProposalId, toProposal, type ProposalDoc } from './docs';
import { ProposalCache } from './proposal-cache';
import { logger } from '../log';
import { markdownFloor } from './health/markdown';
import type { FeeModel } from './pricing/fees';
import { listProposals, type ProposalPage, type ProposalQuery } from './proposal-list';

export type Revision = Partial<Pick<ProposalDoc, 'summary' | 'why' | 'after' | 'risk' | 'group'>>;

const log = logger('agents');

export interface NewProposal {
  agent: AgentId;
  runId: string;
  kind: ProposalKind;
  itemId: string;
  itemTitle: string;
  itemRev: string;
  summary: string;
  before: Partial<ItemFields>;
  after: Partial<ItemFields>;
  why: string;
  confidence: number;
  group?: ProposalGroupRef | null;
  /** Live listings a price was compared with (shown with links). */
  comps?: MarketComp[];
}

/** What deciding needs from settings, read at the moment of deciding. */
export interface ProposalTerms {
  /** The seller's currency, for the amounts in results. */
  currency: string;
  /** Markdowns may go below break-even (the seller allowed it). */
  belowBreakEven: boolean;
  /** The fee table in force, for a markdown's floor; eBay US's when not given. */
  fees?: FeeModel;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
/** A field's value in a sentence: money in the seller's currency, specifics as "Name: value". */
function show(field: string, v: unknown, money: (n: number) => string): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return 'empty';
  if (typeof v === 'number') return MONEY_FIELDS.has(field) ? money(v) : String(v);
  if (typeof v === 'string') return `“${v}”`;
  if (Array.isArray(v)) {
    return v
      .map((x) => (x && typeof x === 'object' && 'name' in x ? `${String(x.name)}: ${String(x.value)}` : String(x)))
      .join(', ');
  }
  return JSON.stringify(v);
}

const HALF_CENT = 0.005;

/** Publishing and large price cuts always wait for the seller; everything else is low risk. */
export function riskOf(p: Pick<NewProposal, 'kind' | 'before' | 'after'>, autonomy: Autonomy): 'low' | 'high' {
  if (p.kind === 'listing' || p.after.status === 'listed') return 'high';
  const from = p.before.listPrice;
  const to = p.after.listPrice;
  if (typeof from === 'number' && typeof to === 'number' && from > 0 && to < from) {
    // Prices are whole cents, so a cut of exactly the limit (19.99 → 17.991) can land up to
    // half a cent lower (17.99). Judge the smallest cut that rounds to this price, so two
    // 10% markdowns never get different labels from their cents.
    const intended = Math.max(0, from - to - HALF_CENT);
    if ((intended / from) * 100 > autonomy.maxAutoPriceCutPct + 1e-9) return 'high';
  }
  return 'low';
}

export class ProposalStore {
  /** Decisions run one at a time, so approving twice never applies twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: Database,
    private readonly inventory: InventoryService,
    private readonly events: EventBus,
    private readonly agentName: (agent: AgentId) => string,
    private readonly now: () => Date = () => new Date(),
    private readonly terms: () => Promise<ProposalTerms> = async () => ({ currency: 'USD', belowBreakEven: false }),
  ) {
    this.cache = new ProposalCache(db);
  }

  private readonly cache: ProposalCache;

  /** Stops following the database (before it closes). */
  stop(): void {
    this.cache.stop();
  }

  /** Every proposal, newest first (ids sort by creation time). */
  private async newestFirst(): Promise<ProposalDoc[]> {
    return [...(await this.cache.all()).values()].sort((a, b) => (a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
  }

  /** Saves a proposal; applies it at once when the agent's autonomy allows. */
  create(input: NewProposal, autonomy: Autonomy): Promise<Proposal> {
    return this.serial(async () => {
      const changed = Object.keys(input.after).filter(
        (f) => !same(input.after[f as keyof ItemFields], input.before[f as keyof ItemFields]),
      );
      if (changed.length === 0) throw new AppError('BAD_REQUEST', 'That proposal would change nothing.');
      const risk = riskOf(input, autonomy);
      let doc: ProposalDoc = {
        _id: newProposalId(),
        type: 'proposal',
        ...input,
        group: input.group ?? null,
        risk,
        status: 'pending',
        createdAt: this.now().toISOString(),
        resolvedAt: null,
        resolvedBy: null,
        result: null,
      };
      doc = await this.save(doc);
      if (autonomy.mode === 'auto' && risk === 'low' && input.confidence >= autonomy.minConfidence) {
        doc = await this.apply(doc, 'auto');
      }
      const proposal = toProposal(doc);
      this.events.emit('proposal.created', {
        id: proposal.id,
        agent: proposal.agent,
        agentName: this.agentName(proposal.agent),
        itemId: proposal.itemId,
        itemTitle: proposal.itemTitle,
        summary: proposal.summary,
        status: proposal.status,
      });
      if (proposal.status !== 'pending') await this.announceResolved(proposal);
      return proposal;
    });
  }

  approve(ids: string[]): Promise<Proposal[]> {
    return this.serial(() => this.each(ids, (doc) => this.apply(doc, 'seller')));
  }

  reject(ids: string[]): Promise<Proposal[]> {
    return this.serial(() =>
      this.each(ids, (doc) =>
        this.save({ ...doc, status: 'rejected', resolvedAt: this.now().toISOString(), resolvedBy: 'seller' }),
      ),
    );
  }

  async get(id: string): Promise<Proposal> {
    return toProposal(await this.read(id));
  }

  /** Newest first, narrowed and paged; with every group that has a member still waiting. */
  async list(query: ProposalQuery): Promise<ProposalPage> {
    return listProposals(await this.newestFirst(), query);
  }

  /** Every member of a group, oldest first. */
  async group(groupId: string): Promise<Proposal[]> {
    const members = (await this.newestFirst())
      .reverse()
      .flatMap((doc) => (doc.group?.id === groupId ? [toProposal(doc)] : []));
    if (members.length === 0)
      throw new AppError('NOT_FOUND', `There is no proposal group ${groupId}.`, 'Reload the Approvals list.');
    return members;
  }

  /**
   * Rewrites waiting proposals (a group's new percentage); a decided one is left as it is.
   * `change` answers the new fields, or null to leave that proposal alone.
   */
  revise(ids: string[], change: (p: Proposal) => Promise<Revision | null>): Promise<Proposal[]> {
    return this.serial(async () => {
      const out: Proposal[] = [];
      for (const id of ids) {
        const doc = await this.read(id);
        const next = doc.status === 'pending' ? await change(toProposal(doc)) : null;
        out.push(toProposal(next ? await this.save({ ...doc, ...next }) : doc));
      }
      return out;
    });
  }

  async forRun(runId: string): Promise<Proposal[]> {
    return (await this.newestFirst()).reverse().flatMap((doc) => (doc.runId === runId ? [toProposal(doc)] : []));
  }

  private async each(ids: string[], decide: (doc: ProposalDoc) => Promise<ProposalDoc>): Promise<Proposal[]> {
    const out: Proposal[] = [];
    // Counted once, then kept: decisions run one at a time, so nothing else moves it meanwhile.
    let pending: number | null = null;
    for (const id of ids) {
      const doc = await this.read(id);
      // Already decided (a second click, another device): answered as it stands, not redone.
      if (doc.status !== 'pending') {
        out.push(toProposal(doc));
        continue;
      }
      const proposal = toProposal(await decide(doc));
      pending = (pending ?? (await this.list({ status: ['pending'], limit: 1 })).pending + 1) - 1;
      this.announce(proposal, pending);
      out.push(proposal);
    }
    return out;
  }

  /** Approved → applied, or failed with the reason; the item is never overwritten blindly. */
  private async apply(doc: ProposalDoc, by: 'seller' | 'auto'): Promise<ProposalDoc> {
    const at = this.now().toISOString();
    const approved = await this.save({ ...doc, status: 'approved', resolvedAt: at, resolvedBy: by });
    try {
      const terms = await this.terms();
      const money = sentenceMoney(terms.currency);
      const item = await this.inventory.get(doc.itemId);
      const moved = Object.keys(doc.after).filter(
        (f) => !same(item[f as keyof ItemFields], doc.before[f as keyof ItemFields]),
      );
      if (moved.length > 0) {
        const what = moved
          .map(
            (f) =>
              `${fieldLabel(f)} is now ${show(f, item[f as keyof ItemFields], money)}, was ${show(f, doc.before[f as keyof ItemFields], money)}`,
          )
          .join('; ');
        throw new AppError(
          'CONFLICT',
          `“${item.title}” changed after this proposal was made (${what}). Nothing was changed.`,
        );
      }
      const to = doc.after.listPrice;
      const floor = markdownFloor(item, terms.belowBreakEven, terms.fees);
      // The cost, fees or the seller's choice may have changed since the markdown was proposed.
      if (doc.kind === 'markdown' && typeof to === 'number' && to < floor) {
        throw new AppError(
          'CONFLICT',
          `Marking “${item.title}” down to ${money(to)} would go below its break-even price of ${money(floor)} (cost plus fees). Nothing was changed.`,
        );
      }
      const updated = await this.inventory.update(item.id, item.rev, doc.after as Partial<ItemFields>);
      const done = Object.keys(doc.after)
        .map((f) => `${fieldLabel(f)} set to ${show(f, updated[f as keyof ItemFields], money)}`)
        .join('; ');
      return await this.save({ ...approved, status: 'applied', result: `Applied: ${done}.` });
    } catch (error) {
      const reason =
        error instanceof AppError
          ? error.code === 'NOT_FOUND'
            ? 'The item no longer exists. Nothing was changed.'
            : error.message
          : 'FlipSync hit an unexpected error applying it; nothing was changed.';
      if (!(error instanceof AppError)) log.error('applying a proposal failed', error);
      return this.save({ ...approved, status: 'failed', result: reason });
    }
  }

  private async announceResolved(p: Proposal): Promise<void> {
    this.announce(p, (await this.list({ status: ['pending'], limit: 1 })).pending);
  }

  private announce(p: Proposal, pending: number): void {
    this.events.emit('proposal.resolved', { id: p.id, status: p.status, result: p.result, pending });
  }

  private async save(doc: ProposalDoc): Promise<ProposalDoc> {
    const saved = await this.db.put(doc);
    const written = { ...doc, _rev: saved.rev };
    this.cache.wrote(written);
    return written;
  }

  private async read(id: string): Promise<ProposalDoc> {
    try {
      return await this.db.get<ProposalDoc>(id);
    } catch (error) {
      if (isNotFound(error))
        throw new AppError('NOT_FOUND', `There is no proposal ${id}.`, 'Reload the Approvals list.');
      throw error;
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
