/** The number of proposals waiting for the seller, beside the Approvals link. */
import { useEffect } from 'react';
import { useApprovals } from '../../stores/approvals';
import { useConnectionStore } from '../../stores/connection';
import './approvals.css';

export function PendingBadge() {
  const count = useApprovals((s) => s.pendingCount);
  const connection = useConnectionStore((s) => s.state);
  useEffect(() => useApprovals.getState().watchCount(), []);
  useEffect(() => {
    // Recount whenever the connection comes (back) up: proposals may have arrived meanwhile.
    if (connection === 'open') void useApprovals.getState().loadCount();
  }, [connection]);
  if (!count) return null;
  return (
    <span className="nav-badge" data-testid="approvals-badge" aria-label={`${count} waiting`}>
      {count}
    </span>
  );
}
