import { useAppInfoStore } from '../stores/app-info';
import { useConnectionStore } from '../stores/connection';
import { SyncIndicator } from './SyncIndicator';
import { EbayIndicator } from './EbayIndicator';
import { ErrorRef } from './ErrorRef';

const STATE_LABEL = {
  connecting: 'Connecting…',
  open: 'Connected',
  closed: 'Disconnected',
  'no-token': 'Not connected: no access token',
  reconnecting: 'Reconnecting… (FlipSync is restarting its core; your saved work is safe)',
} as const;

/** The connection line: how the window reaches the core, and what the core reports. */
export function StatusBar() {
  const { kind, state } = useConnectionStore();
  const { info, error } = useAppInfoStore();
  const databases = info?.databases ?? [];
  const failing = databases.filter((db) => !db.ok);
  return (
    // Only the connection line is live: the document counts change with every edit and would
    // interrupt a screen reader each time.
    <footer className="status" data-testid="status-bar">
      <span className={`dot dot-${state}`} aria-hidden />
      <span data-testid="connection-state" role="status">
        {STATE_LABEL[state]}
        {kind === 'websocket' ? ' (browser mode)' : ''}
      </span>
      {info && (
        <>
          <span>v{info.version}</span>
          <span title="Where your data lives">Data: {info.dataDir}</span>
          <span data-testid="db-status">
            {failing.length > 0
              ? `Database problem: ${failing.map((db) => `${db.name} (${db.error ?? 'unavailable'})`).join(', ')}`
              : databases.map((db) => `${db.name}: ${db.docCount} docs`).join(' · ')}
          </span>
        </>
      )}
      <SyncIndicator />
      <EbayIndicator />
      {error && (
        <span className="error" role="alert">
          {error.message}
          <ErrorRef error={error} />
        </span>
      )}
    </footer>
  );
}
