import { useEffect } from 'react';
import { describeNotice, useOperationsStore } from '../stores/operations';
import { useConnectionStore } from '../stores/connection';

/** Above every page: imports and bulk edits a restart finished, until the seller dismisses them. */
export function OperationNotices() {
  const { notices, load, dismiss, follow, undo, undoing, undone, closeUndone, error } = useOperationsStore();
  const connection = useConnectionStore((s) => s.state);
  useEffect(() => follow(), [follow]);
  useEffect(() => {
    if (connection === 'open') void load();
  }, [connection, load]);
  if (notices.length === 0 && !undone && !error) return null;
  return (
    <ul className="operation-notices" aria-label="Interrupted work">
      {notices.map((op) => (
        <li key={op.id} role="status" className="operation-notice">
          <span>{describeNotice(op)}</span>
          {op.state === 'done' && op.kind === 'bulkEdit' && !op.undoneBy && (
            <button type="button" disabled={undoing !== null} onClick={() => void undo(op.id)}>
              {undoing === op.id ? 'Undoing…' : 'Undo this edit'}
            </button>
          )}
          {op.state === 'done' && (
            <button type="button" disabled={undoing === op.id} onClick={() => void dismiss(op.id)}>
              {op.kind === 'bulkEdit' && !op.undoneBy ? 'Keep it' : 'Dismiss'}
            </button>
          )}
        </li>
      ))}
      {undone && (
        <li role="status" className="operation-notice" data-testid="operation-undone">
          <span>{undone}</span>
          <button type="button" onClick={closeUndone}>
            Dismiss
          </button>
        </li>
      )}
      {error && (
        <li role="alert" className="operation-notice error">
          <span>
            {error.message} {error.hint}
          </span>
        </li>
      )}
    </ul>
  );
}
