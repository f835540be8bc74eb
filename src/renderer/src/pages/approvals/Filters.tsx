/** Narrowing the waiting list to one agent or one kind of change, each choice with its count. */
import { AGENT_IDS, type AgentId, type ProposalKind } from '@shared/api';
import { useApprovals } from '../../stores/approvals';
import { KIND_LABEL } from './ProposalCard';

const KINDS = Object.keys(KIND_LABEL) as ProposalKind[];

export function Filters({ agentName }: { agentName(id: string): string }) {
  const filter = useApprovals((s) => s.filter);
  const waiting = useApprovals((s) => s.waiting);
  const total = useApprovals((s) => s.pendingCount ?? 0);
  const set = useApprovals.getState().setFilter;
  const count = (n: number | undefined) => ` (${(n ?? 0).toLocaleString()})`;
  // A choice with nothing waiting is left out, unless it is the one in force.
  const agents = AGENT_IDS.filter((a) => (waiting.agent[a] ?? 0) > 0 || filter.agent === a);
  const kinds = KINDS.filter((k) => (waiting.kind[k] ?? 0) > 0 || filter.kind === k);
  return (
    <div className="approvals-filters" role="group" aria-label="Filters">
      <label>
        Agent{' '}
        <select
          value={filter.agent ?? ''}
          onChange={(e) => void set({ agent: (e.target.value || null) as AgentId | null })}
        >
          <option value="">All agents{count(total)}</option>
          {agents.map((a) => (
            <option key={a} value={a}>
              {agentName(a)}
              {count(waiting.agent[a])}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Kind{' '}
        <select
          value={filter.kind ?? ''}
          onChange={(e) => void set({ kind: (e.target.value || null) as ProposalKind | null })}
        >
          <option value="">All kinds{count(total)}</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
              {count(waiting.kind[k])}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
