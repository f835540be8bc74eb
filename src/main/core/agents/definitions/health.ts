/**
 * Inventory health: a rule-based scan of the whole inventory, no model needed. It finds
 * stale listings, low stock, missing photos or specifics and prices below cost plus fees,
 * and proposes what it can fix (raise to the target-margin price, mark stale listings down
 * no lower than break-even, fill item specifics from the item's own brand and condition).
 */
import type { ItemFields } from '@shared/domain/inventory';
import { sentenceMoney } from '@shared/domain/money';
import type { AgentDefinition } from '../definition';
import { readHealthRows } from '../health/rows';
import { scanHealth, type Finding, type Problem } from '../health/scan';
import { feesInForce, targetPrice, type FeeModel } from '../pricing/fees';
import { MARKDOWN_PCT, markdownDraft } from '../health/markdown';
import { localDay } from '../../ai/usage';
import type { NewProposal } from '../proposals';
import { newGroupId } from '../docs';
import type { ProposalGroupRef } from '@shared/api/agents';

/** More than this many proposals in one scan would bury the seller; the rest wait for the next scan. */
export const MAX_PROPOSALS_PER_SCAN = 200;

const LABEL: Record<Problem, string> = {
  stale: 'listed too long',
  lowStock: 'low stock',
  noPhotos: 'no photos',
  noSpecifics: 'no item specifics',
  belowCost: 'priced below cost plus fees',
};

export function createHealthAgent(): AgentDefinition {
  /** Low-stock items already announced at this quantity, so each scan does not repeat them. */
  const announced = new Map<string, number>();
  return {
    id: 'health',
    name: 'Inventory health',
    purpose: 'Finds stale listings, low stock, missing photos or specifics and prices below cost plus fees.',
    instructions:
      'A rule-based scan over every item (no model): listed longer than the stale-listing days in settings, ' +
      'stock at or below the low-stock threshold, no photos, no item specifics, list price below cost plus fees.',
    tools: [],
    model: null,
    defaultTask: 'Scan the whole inventory.',
    async direct(ctx) {
      const settings = await ctx.settings.get();
      const s = settings.inventory;
      const money = sentenceMoney(settings.general.currency);
      const rows = await readHealthRows(ctx.inventory, ctx.signal);
      const today = localDay(ctx.now());
      const fees = feesInForce(settings, today);
      const scan = scanHealth(rows, {
        today,
        staleListingDays: s.staleListingDays,
        lowStockThreshold: s.lowStockThreshold,
        fees,
      });
      if (fees.rate === 0 && fees.perOrder === 0) await ctx.note(`Prices checked with ${fees.source}.`);
      const counts = (Object.entries(scan.counts) as [Problem, number][]).filter(([, n]) => n > 0);
      await ctx.note(
        `Scanned ${scan.scanned} items: ${counts.map(([p, n]) => `${n} ${LABEL[p]}`).join(', ') || 'no problems found'}.`,
      );

      const earlier = (
        await ctx.proposals.list({ status: ['pending', 'approved', 'applied', 'rejected', 'failed'], limit: 1_000_000 })
      ).proposals;
      const pending = new Set(earlier.filter((p) => p.status === 'pending').map((p) => `${p.itemId}:${p.kind}`));
      const cooling = markedDownSince(earlier, ctx.now(), s.markdownCooldownDays);
      const rules = { marginPct: s.targetMarginPct, belowBreakEven: s.markdownBelowBreakEven, fees };
      const chosen: NewDraft[] = [];
      let skipped = 0;
      for (const finding of scan.findings) {
        if (finding.problems.includes('lowStock')) announceLowStock(ctx, finding, s.lowStockThreshold, announced);
        for (const p of proposalsFor(finding, rules, money)) {
          if (pending.has(`${finding.row.id}:${p.kind}`)) continue;
          // A markdown proposed (and approved or not) within the cooldown is not proposed again.
          if (p.kind === 'markdown' && cooling.has(finding.row.id)) continue;
          if (chosen.length >= MAX_PROPOSALS_PER_SCAN) {
            skipped++;
            continue;
          }
          chosen.push({ ...p, itemId: finding.row.id, itemTitle: finding.row.title, itemRev: finding.row.rev });
        }
      }
      const groups = groupByKind(chosen);
      for (const p of chosen) {
        ctx.signal.throwIfAborted();
        await ctx.propose({ ...p, group: groups.get(p.kind) ?? null });
      }
      const proposed = chosen.length;
      if (skipped > 0)
        await ctx.note(`${skipped} more fixes were found; they will be proposed once these are decided.`);
      return `Scanned ${scan.scanned} items; ${scan.findings.length} need attention; ${proposed} proposals made.`;
    },
  };
}

function announceLowStock(
  ctx: Parameters<NonNullable<AgentDefinition['direct']>>[0],
  { row }: Finding,
  threshold: number,
  announced: Map<string, number>,
) {
  if (announced.get(row.id) === row.quantity) return;
  announced.set(row.id, row.quantity);
  ctx.events.emit('inventory.lowStock', {
    id: row.id,
    sku: row.sku,
    title: row.title,
    quantity: row.quantity,
    threshold,
    oversold: row.quantity < 0,
  });
}

type Draft = Omit<NewProposal, 'agent' | 'runId' | 'itemId' | 'itemTitle' | 'itemRev' | 'group'>;
type NewDraft = Omit<NewProposal, 'agent' | 'runId' | 'group'>;

/**
 * One scan's proposals of a kind are decided together (one card, "Mark down 190 stale
 * listings by 10%"), unless there is only one of them.
 */
function groupByKind(drafts: readonly NewDraft[]): Map<string, ProposalGroupRef> {
  const counts = new Map<string, number>();
  for (const d of drafts) counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
  const groups = new Map<string, ProposalGroupRef>();
  for (const [kind, n] of counts) {
    if (n > 1) groups.set(kind, { id: newGroupId(), pct: kind === 'markdown' ? MARKDOWN_PCT : null });
  }
  return groups;
}

/** Items with a markdown proposed within the last `days` days, whatever became of it. */
export function markedDownSince(
  proposals: readonly { kind: string; itemId: string; createdAt: string }[],
  now: Date,
  days: number,
): Set<string> {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  return new Set(proposals.filter((p) => p.kind === 'markdown' && p.createdAt > since).map((p) => p.itemId));
}

export interface DraftRules {
  marginPct: number;
  /** Markdowns may go below break-even (the seller allowed it). */
  belowBreakEven: boolean;
  /** The fee table in force; eBay US's when not given. */
  fees?: FeeModel;
}

/** `money` writes amounts in the seller's currency (see sentenceMoney). */
export function proposalsFor(
  { row, problems }: Finding,
  { marginPct, belowBreakEven, fees }: DraftRules,
  money: (n: number) => string,
): Draft[] {
  const out: Draft[] = [];
  const price = row.listPrice;
  if (problems.includes('belowCost') && row.cost !== null && price !== null) {
    const to = targetPrice(row.cost, marginPct, 0, null, fees);
    if (to > price) {
      out.push({
        kind: 'price',
        summary: `Raise the price of ${row.sku} from ${money(price)} to ${money(to)}`,
        before: { listPrice: price },
        after: { listPrice: to },
        why: `At ${money(price)} the sale does not cover the cost of ${money(row.cost)} plus fees. ${money(to)} leaves your ${marginPct}% target margin after fees.`,
        confidence: 0.9,
      });
    }
  } else if (problems.includes('stale') && price !== null) {
    const draft = markdownDraft({ ...row, listPrice: price }, MARKDOWN_PCT, belowBreakEven, money, fees);
    if (draft) out.push({ kind: 'markdown', ...draft, confidence: 0.6 });
  }
  if (problems.includes('noSpecifics')) {
    const specifics: ItemFields['specifics'] = [];
    if (row.brand) specifics.push({ name: 'Brand', value: row.brand });
    if (row.condition) specifics.push({ name: 'Condition', value: row.condition });
    if (specifics.length > 0) {
      out.push({
        kind: 'fill',
        summary: `Add item specifics to ${row.sku}: ${specifics.map((x) => `${x.name}: ${x.value}`).join(', ')}`,
        before: { specifics: [] },
        after: { specifics },
        why: 'The item has no item specifics; buyers filter by them. These come from the item’s own brand and condition fields.',
        confidence: 0.95,
      });
    }
  }
  return out;
}
