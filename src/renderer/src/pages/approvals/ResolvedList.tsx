/** Proposals already decided, newest first, with what applying them did. */
import type { Proposal } from '@shared/api';
import { formatWhen } from '../agents/format';

const STATUS_LABEL = {
  pending: 'Waiting',
  approved: 'Approved, applying',
  applied: 'Applied',
  failed: 'Failed',
  rejected: 'Rejected',
} as const;

export function ResolvedList({ proposals, agentName }: { proposals: Proposal[]; agentName: (id: string) => string }) {
  return (
    <section className="resolved" aria-labelledby="resolved-title">
      <h2 id="resolved-title">Decided</h2>
      {proposals.length === 0 ? (
        <p className="muted">Nothing decided yet. Proposals you approve or reject move here with their result.</p>
      ) : (
        <ul className="resolved-list">
          {proposals.map((p) => (
            <li key={p.id} data-testid={`resolved-${p.id}`}>
              <span className={`pill pill-${p.status}`}>{STATUS_LABEL[p.status]}</span> {p.summary}
              <div className="muted small">
                {agentName(p.agent)} · {p.resolvedBy === 'auto' ? 'applied by the agent (autonomy)' : 'decided by you'}{' '}
                · {formatWhen(p.resolvedAt)}
              </div>
              {p.result && <div className={p.status === 'failed' ? 'error small' : 'small'}>{p.result}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
