import { useEffect } from 'react';
import { describeNotice, useOperationsStore } from '../stores/operations';
import { useConnectionStore } from '../stores/connection';

/** Above every page: imports and bulk edits a restart finished, until the seller dismisses them. */
export function OperationNotices() {
  const { notices, load, dismiss, follow } = useOperationsStore();
  const connection = useConnectionStore((s) => s.state);
  useEffect(() => follow(), [follow]);
  useEffect(() => {
    if (connection === 'open') void load();
  }, [connection, load]);
  if (notices.length === 0) return null;
  return (
    <ul className="operation-notices" aria-label="Interrupted work">
      {notices.map((op) => (
        <li key={op.id} role="status" className="operation-notice">
          <span>{describeNotice(op)}</span>
          {op.state === 'done' && (
            <button type="button" onClick={() => void dismiss(op.id)}>
              Dismiss
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
