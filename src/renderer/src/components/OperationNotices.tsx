/**
 * What a restart did about work FlipSync was in the middle of (an import, a bulk edit): the
 * core finishes or undoes it and keeps a notice until the seller dismisses it.
 */
import { useEffect, useState } from 'react';
import type { OperationNotice } from '@shared/api';
import { api } from '../api/client';
import { read, routes } from '../stores/inventory-result';
import { useConnectionStore } from '../stores/connection';

export function OperationNotices() {
  const [notices, setNotices] = useState<OperationNotice[]>([]);
  const connection = useConnectionStore((s) => s.state);

  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    void api.call('operations.notices', {}).then((result) => {
      const r = read(result, routes['operations.notices'].output);
      if (live && 'data' in r) setNotices(r.data);
    });
    const stop = api.on('operations.recovered', (notice) =>
      setNotices((list) => [notice, ...list.filter((n) => n.id !== notice.id)]),
    );
    return () => {
      live = false;
      stop();
    };
  }, [connection]);

  if (notices.length === 0) return null;
  const dismiss = (id: string) => {
    setNotices((list) => list.filter((n) => n.id !== id));
    void api.call('operations.dismiss', { id });
  };
  return (
    <div className="operation-notices">
      {notices.map((notice) => (
        <div key={notice.id} role="status" className={`notice notice-${notice.outcome}`}>
          <span>{notice.message}</span>
          <button type="button" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
