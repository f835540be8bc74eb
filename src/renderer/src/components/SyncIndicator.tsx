import { useEffect } from 'react';
import type { SyncStatus } from '@shared/api';
import { useConnectionStore } from '../stores/connection';
import { useSyncStore } from '../stores/inventory-sync';
import { ErrorRef } from './ErrorRef';

const LABEL: Record<SyncStatus['state'], string> = {
  off: 'Sync off',
  connecting: 'Sync connecting…',
  active: 'Synced',
  // The reason says why: offline, a server restarting, or an address that does not resolve.
  'paused-offline': 'Sync paused',
  error: 'Sync error',
};

export function timeAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return new Date(iso).toLocaleDateString();
}

function describe(status: SyncStatus): string {
  if (status.state === 'active') {
    const parts = [status.upToDate ? 'Synced' : 'Syncing…'];
    if (status.pending > 0) parts.push(`${status.pending} pending`);
    if (status.lastSyncedAt) parts.push(`last ${timeAgo(status.lastSyncedAt)}`);
    return parts.join(' · ');
  }
  const parts = [LABEL[status.state]];
  if (status.reason) parts.push(status.reason);
  if (status.state !== 'off' && status.pending > 0) parts.push(`${status.pending} pending`);
  if (status.state !== 'off' && status.lastSyncedAt) parts.push(`last synced ${timeAgo(status.lastSyncedAt)}`);
  return parts.join(' · ');
}

/** Sync in the status bar: state, pending writes and the last time everything was in sync. */
export function SyncIndicator() {
  const connection = useConnectionStore((s) => s.state);
  const { status, loadError } = useSyncStore();
  useEffect(() => useSyncStore.getState().watch(), []);
  useEffect(() => {
    if (connection === 'open') void useSyncStore.getState().load();
  }, [connection]);

  if (loadError)
    return (
      <span className="sync-indicator error">
        Sync status unavailable: {loadError.message}
        <ErrorRef error={loadError} />
      </span>
    );
  if (!status) return null;
  return (
    <a
      href="#/settings?section=sync"
      className={`sync-indicator sync-${status.state}`}
      data-testid="sync-indicator"
      title={[describe(status), status.hint ?? (status.url ? `Server: ${status.url}` : 'Set up sync in Settings')].join(
        '\n',
      )}
    >
      <span className={`dot sync-dot-${status.state}`} aria-hidden />
      {describe(status)}
    </a>
  );
}
