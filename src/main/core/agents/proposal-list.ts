/**
 * What the Approvals page reads: proposals newest first, narrowed by status, agent and kind,
 * one page at a time, with the counts its filters show and every group still waiting.
 */
import type { AgentId, Proposal, ProposalGroup, ProposalKind, ProposalStatus } from '@shared/api/agents';
import { toProposal, type ProposalDoc } from './docs';
import { summarizeGroup } from './group-summary';

export interface ProposalQuery {
  status: ProposalStatus[];
  limit: number;
  offset?: number;
  agent?: AgentId[];
  kind?: ProposalKind[];
}

export interface ProposalPage {
  proposals: Proposal[];
  /** Every proposal waiting, whatever the filters. */
  pending: number;
  /** How many match the query (status and filters), of which this page is `offset`…. */
  matching: number;
  /** Waiting proposals by agent and by kind: what each filter choice would show. */
  waiting: { agent: Partial<Record<AgentId, number>>; kind: Partial<Record<ProposalKind, number>> };
  /** Every group that matches the filters and has a member still waiting, newest first. */
  groups: ProposalGroup[];
}

export function listProposals(newestFirst: readonly ProposalDoc[], q: ProposalQuery): ProposalPage {
  const status = new Set(q.status);
  const agents = q.agent?.length ? new Set(q.agent) : null;
  const kinds = q.kind?.length ? new Set(q.kind) : null;
  const offset = q.offset ?? 0;
  const proposals: Proposal[] = [];
  const grouped = new Map<string, ProposalDoc[]>();
  const waiting: ProposalPage['waiting'] = { agent: {}, kind: {} };
  let pending = 0;
  let matching = 0;
  for (const doc of newestFirst) {
    if (doc.status === 'pending') {
      pending++;
      waiting.agent[doc.agent] = (waiting.agent[doc.agent] ?? 0) + 1;
      waiting.kind[doc.kind] = (waiting.kind[doc.kind] ?? 0) + 1;
    }
    if ((agents && !agents.has(doc.agent)) || (kinds && !kinds.has(doc.kind))) continue;
    if (doc.group) {
      const members = grouped.get(doc.group.id);
      if (members) members.push(doc);
      else grouped.set(doc.group.id, [doc]);
    }
    if (!status.has(doc.status)) continue;
    if (matching >= offset && proposals.length < q.limit) proposals.push(toProposal(doc));
    matching++;
  }
  const groups = [...grouped.values()].map(summarizeGroup).filter((g) => g.pending > 0);
  return { proposals, pending, matching, waiting, groups };
}
