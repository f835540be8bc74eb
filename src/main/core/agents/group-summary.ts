/** A proposal group as one card: what its waiting members would do, in one line, and their counts. */
import type { ProposalGroup, ProposalKind, ProposalStatus } from '@shared/api/agents';

interface Member {
  agent: ProposalGroup['agent'];
  runId: string;
  kind: ProposalKind;
  status: ProposalStatus;
  createdAt: string;
  group?: { id: string; pct: number | null } | null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function line(kind: ProposalKind, n: number, pct: number | null): string {
  switch (kind) {
    case 'markdown':
      return `Mark down ${plural(n, 'stale listing', 'stale listings')} by ${pct ?? 0}%`;
    case 'price':
      return `Raise the price of ${plural(n, 'item', 'items')} priced below cost plus fees`;
    case 'fill':
      return `Add item specifics to ${plural(n, 'item', 'items')}`;
    case 'listing':
      return `New listing text for ${plural(n, 'item', 'items')}`;
    case 'shipping':
      return `Set the shipping cost of ${plural(n, 'item', 'items')}`;
  }
}

/** `members` all carry the same group id (at least one of them). */
export function summarizeGroup(members: readonly Member[]): ProposalGroup {
  const first = members[0]!;
  const count = (s: ProposalStatus) => members.filter((m) => m.status === s).length;
  const pending = count('pending');
  // The percentage the waiting members carry: the one an edit set last.
  const pct = (members.find((m) => m.status === 'pending') ?? first).group?.pct ?? null;
  let createdAt = first.createdAt;
  for (const m of members) if (m.createdAt < createdAt) createdAt = m.createdAt;
  return {
    id: first.group!.id,
    agent: first.agent,
    runId: first.runId,
    kind: first.kind,
    summary: line(first.kind, pending > 0 ? pending : members.length, pct),
    pct,
    createdAt,
    total: members.length,
    pending,
    // Approved but not yet applied counts with applied: it is on its way.
    applied: count('applied') + count('approved'),
    rejected: count('rejected'),
    failed: count('failed'),
  };
}
