/**
 * On a listing writer's proposal, while eBay is connected: what eBay would refuse about the
 * item as the proposal leaves it (checked before the choice is offered), and "Apply and
 * publish" once nothing fails. Publishing is always this explicit choice of the seller.
 */
import { useEffect } from 'react';
import type { Proposal } from '@shared/api';
import { useProposalPublish } from '../../stores/proposal-publish';
import { ErrorText } from '../../components/ErrorRef';

export function ListingPublish({ proposal, busy }: { proposal: Proposal; busy: boolean }) {
  const state = useProposalPublish((s) => s.byId[proposal.id]);
  useEffect(() => void useProposalPublish.getState().check(proposal.id), [proposal.id]);
  if (!state || state.state === 'not-connected') return null;
  const failing = state.preflight?.lines.filter((l) => l.state === 'fail') ?? [];
  return (
    <div className="listing-publish" data-testid={`listing-publish-${proposal.id}`}>
      {state.state === 'checking' && <p aria-busy="true">Checking what eBay would accept…</p>}
      {state.preflight && failing.length === 0 && <p className="ok">Ready for eBay: nothing eBay would refuse.</p>}
      {failing.length > 0 && (
        <div>
          <p>eBay would refuse this listing:</p>
          <ul aria-label="What eBay would refuse">
            {failing.map((l) => (
              <li key={l.check}>
                <strong>{l.label}:</strong> {l.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.error && (
        <p className="error" role="alert">
          <ErrorText error={state.error} />
        </p>
      )}
      {state.result && <p role="status">{state.result}</p>}
      {state.state !== 'published' && (
        <button
          type="button"
          disabled={busy || !state.preflight?.ready || state.state === 'publishing'}
          onClick={() => void useProposalPublish.getState().applyAndPublish(proposal.id)}
        >
          {state.state === 'publishing' ? 'Applying and publishing…' : 'Apply and publish on eBay'}
        </button>
      )}
    </div>
  );
}
