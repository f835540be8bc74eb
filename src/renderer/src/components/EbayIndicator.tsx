import { useEffect } from 'react';
import type { EbayOrdersStatus } from '@shared/api';
import { useConnectionStore } from '../stores/connection';
import { useEbayOrders } from '../stores/ebay-orders';
import { timeAgo } from './SyncIndicator';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function describe(status: EbayOrdersStatus): string {
  const parts = [
    status.lastError
      ? 'eBay: last check failed'
      : status.lastPollAt
        ? `eBay: checked ${timeAgo(status.lastPollAt)}`
        : 'eBay: not checked yet',
  ];
  if (status.unmatched > 0) parts.push(`${status.unmatched} to match`);
  return parts.join(' · ');
}

/** eBay in the status bar, once an account is connected: the last look at orders, the next, and what failed. */
export function EbayIndicator() {
  const connection = useConnectionStore((s) => s.state);
  const status = useEbayOrders((s) => s.status);
  useEffect(() => useEbayOrders.getState().watch(), []);
  useEffect(() => {
    if (connection === 'open') void useEbayOrders.getState().load();
  }, [connection]);
  if (!status?.connected) return null;
  const title = [
    describe(status),
    status.lastError && `${status.lastError.message}${status.lastError.hint ? ` ${status.lastError.hint}` : ''}`,
    status.nextPollAt && `Next check at ${clock(status.nextPollAt)}`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <a
      href="#/settings?section=ebay"
      className={`ebay-indicator${status.lastError ? ' error' : ''}`}
      data-testid="ebay-indicator"
      title={title}
    >
      {describe(status)}
      {status.nextPollAt && !status.lastError ? ` · next ${clock(status.nextPollAt)}` : ''}
    </a>
  );
}
