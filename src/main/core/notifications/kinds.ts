/**
 * Which bus events the seller can be notified about. Payloads are read field by field, so
 * an event that carries less than hoped still gives a useful notification, and one that is
 * not an object is ignored, never a crash.
 */
import { z } from 'zod';
import { AiBudgetReachedSchema, LowStockEventSchema, SyncStatusSchema, type NotificationSettings } from '@shared/api';
import { formatMoney, sentenceMoney } from '@shared/domain/money';

export const NOTIFICATION_KINDS = [
  'proposalWaiting',
  'runFailed',
  'lowStock',
  'itemSold',
  'syncError',
  'budgetReached',
] as const satisfies readonly (keyof NotificationSettings)[];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The page a click on each kind opens (ids of the renderer's page registry). */
export const VIEW_OF_KIND: Record<NotificationKind, string> = {
  proposalWaiting: 'approvals',
  runFailed: 'agents',
  lowStock: 'inventory',
  itemSold: 'inventory',
  syncError: 'settings',
  budgetReached: 'settings',
};

/** The bus event each kind listens to. */
export const EVENT_NAMES: Record<NotificationKind, readonly string[]> = {
  proposalWaiting: ['proposal.created'],
  runFailed: ['agent.runFailed'],
  lowStock: ['inventory.lowStock'],
  itemSold: ['inventory.sold'],
  syncError: ['sync.status'],
  budgetReached: ['ai.budgetReached'],
};

const KIND_OF_EVENT = new Map<string, NotificationKind>(
  NOTIFICATION_KINDS.flatMap((kind) => EVENT_NAMES[kind].map((name) => [name, kind] as const)),
);

/** One thing that happened, ready to be shown alone or counted in a burst. */
export interface Occurrence {
  kind: NotificationKind;
  /** The same key twice in one burst is one thing (the same item low on stock twice). */
  key: string;
  title: string;
  body: string;
  /** Shown once per value: the budget once a day, a sync error once per distinct reason. */
  onceKey?: string;
}

/** What an event means for notifications: something to show, a state that ended, or nothing. */
export type Reading = { occurrence: Occurrence } | { cleared: NotificationKind } | null;

const Loose = z.looseObject({});
let counter = 0;

function str(obj: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (value && typeof value === 'object') {
      const name = (value as Record<string, unknown>).name ?? (value as Record<string, unknown>).title;
      if (typeof name === 'string' && name.trim()) return name.trim();
    }
  }
  return undefined;
}

function num(obj: Record<string, unknown>, ...keys: string[]): number | undefined {
  for (const key of keys) if (typeof obj[key] === 'number' && Number.isFinite(obj[key])) return obj[key];
  return undefined;
}

/** AI spend: provider prices are in US dollars, whatever the seller sells in. */
const usd = sentenceMoney('USD');

/** `currency` is the seller's, for what they sold. */
export function readEvent(name: string, payload: unknown, currency: string): Reading {
  const kind = KIND_OF_EVENT.get(name);
  if (!kind) return null;
  const unique = `${name}#${++counter}`;
  switch (kind) {
    case 'proposalWaiting': {
      const p = Loose.safeParse(payload);
      if (!p.success) return null;
      // An auto-applied (or already decided) proposal waits for nobody.
      const state = str(p.data, 'state', 'status');
      if (state && state !== 'pending') return null;
      const agent = str(p.data, 'agentName', 'agent');
      const item = str(p.data, 'itemTitle', 'item');
      const what = str(p.data, 'summary', 'title', 'description');
      const body = what ?? (item ? `A change to ${item}` : 'A suggested change') + (agent ? ` from ${agent}` : '');
      return {
        occurrence: { kind, key: str(p.data, 'id', 'proposalId') ?? unique, title: 'A proposal is waiting', body },
      };
    }
    case 'runFailed': {
      const p = Loose.safeParse(payload);
      if (!p.success) return null;
      const agent = str(p.data, 'agentName', 'agent', 'agentId');
      const reason = str(p.data, 'error', 'reason', 'message');
      return {
        occurrence: {
          kind,
          key: str(p.data, 'runId', 'id') ?? unique,
          title: agent ? `${agent} run failed` : 'An agent run failed',
          body: reason ?? 'Open Agents to see what went wrong.',
        },
      };
    }
    case 'lowStock': {
      const p = LowStockEventSchema.safeParse(payload);
      if (!p.success) return null;
      const { id, title, quantity, threshold, oversold } = p.data;
      return {
        occurrence: {
          kind,
          key: id,
          title: oversold ? `Oversold: ${title}` : `Low stock: ${title}`,
          body: oversold
            ? `Stock is ${quantity}: more were sold than you had. Check the orders.`
            : `${quantity} left (you asked to hear at ${threshold} or fewer).`,
        },
      };
    }
    case 'itemSold': {
      const p = Loose.safeParse(payload);
      if (!p.success) return null;
      const sale = Loose.safeParse(p.data.sale);
      const s = sale.success ? { ...p.data, ...sale.data } : p.data;
      const title = str(p.data, 'title', 'itemTitle') ?? str(s, 'title');
      const price = num(s, 'price', 'total', 'amount');
      const qty = num(s, 'quantity') ?? 1;
      return {
        occurrence: {
          kind,
          key: str(s, 'saleId', 'id') ?? unique,
          title: title ? `Sold: ${title}` : 'An item sold',
          body: `${qty > 1 ? `${qty} × ` : ''}${price !== undefined ? `for ${formatMoney(price, currency, 'en-US')}` : 'Open Inventory for the details.'}`,
        },
      };
    }
    case 'syncError': {
      const p = SyncStatusSchema.safeParse(payload);
      if (!p.success) return null;
      if (p.data.state !== 'error') return { cleared: kind };
      const reason = p.data.reason ?? 'Sync stopped with an error.';
      return {
        occurrence: {
          kind,
          key: 'sync',
          onceKey: reason,
          title: 'Sync stopped',
          body: p.data.hint ? `${reason} ${p.data.hint}` : reason,
        },
      };
    }
    case 'budgetReached': {
      const p = AiBudgetReachedSchema.safeParse(payload);
      if (!p.success) return null;
      const { day, spentUsd, budgetUsd } = p.data;
      return {
        occurrence: {
          kind,
          key: `budget:${day}`,
          onceKey: day,
          title: 'Daily AI budget reached',
          body: `Spent ${usd(spentUsd)} of ${usd(budgetUsd)} today. AI work waits until tomorrow, or raise the budget in Settings.`,
        },
      };
    }
  }
}

const BURST_TITLE: Record<NotificationKind, (n: number) => string> = {
  proposalWaiting: (n) => `${n} proposals are waiting`,
  runFailed: (n) => `${n} agent runs failed`,
  lowStock: (n) => `${n} items are low on stock`,
  itemSold: (n) => `${n} items sold`,
  syncError: () => 'Sync stopped',
  budgetReached: () => 'Daily AI budget reached',
};

/** One notification for a burst: the single occurrence as it is, or a count and the first few. */
export function summarise(kind: NotificationKind, occurrences: readonly Occurrence[]): { title: string; body: string } {
  const [first] = occurrences;
  if (!first) throw new Error('summarise needs at least one occurrence');
  // Sync errors and the budget are states: the latest says it all.
  if (occurrences.length === 1 || kind === 'syncError' || kind === 'budgetReached') {
    const last = occurrences[occurrences.length - 1] ?? first;
    return { title: last.title, body: last.body };
  }
  const shown = occurrences.slice(0, 3).map((o) => (kind === 'proposalWaiting' ? o.body : o.title));
  const more = occurrences.length - shown.length;
  return {
    title: BURST_TITLE[kind](occurrences.length),
    body: shown.join('\n') + (more > 0 ? `\n…and ${more} more` : ''),
  };
}
