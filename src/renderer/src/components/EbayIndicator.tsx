import { useEffect } from 'react';
import type { EbayOrdersStatus, EbayOutboxStatus } from '@shared/api';
import { useConnectionStore } from '../stores/connection';
import { useEbayOrders } from '../stores/ebay-orders';
import { timeAgo } from './SyncIndicator';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

const updates = (n: number) => `${n} quantity update${n === 1 ? '' : 's'}`;

function describe(status: EbayOrdersStatus, outbox: EbayOutboxStatus | null): string {
  const parts = [
    status.lastError
      ? 'eBay: last check failed'
      : status.lastPollAt
        ? `eBay: checked ${timeAgo(status.lastPollAt)}`
        : 'eBay: not checked yet',
  ];
  if (status.unmatched > 0) parts.push(`${status.unmatched} to match`);
  const waiting = (outbox?.pending ?? 0) + (outbox?.held ?? 0);
  if (waiting > 0) parts.push(`${updates(waiting)} waiting${outbox?.waitingFor ? ' for sync' : ''}`);
  if (outbox?.failed) parts.push(`${updates(outbox.failed)} failed`);
  return parts.join(' · ');
}

/** eBay in the status bar, once an account is connected: the last look at orders, the next, and what failed. */
export function EbayIndicator() {
  const connection = useConnectionStore((s) => s.state);
  const status = useEbayOrders((s) => s.status);
  const outbox = useEbayOrders((s) => s.outbox);
  useEffect(() => useEbayOrders.getState().watch(), []);
  useEffect(() => {
    if (connection === 'open') void useEbayOrders.getState().load();
  }, [connection]);
  if (!status?.connected) return null;
  const problems = (outbox?.entries ?? []).filter((e) => e.state !== 'sent' && e.reason).slice(0, 3);
  const title = [
    describe(status, outbox),
    status.lastError && `${status.lastError.message}${status.lastError.hint ? ` ${status.lastError.hint}` : ''}`,
    outbox?.waitingFor,
    ...problems.map((e) => `Listing ${e.listing} (${e.sku}), quantity ${e.quantity}: ${e.reason}`),
    status.nextPollAt && `Next check at ${clock(status.nextPollAt)}`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <a
      href="#/settings?section=ebay"
      className={`ebay-indicator${status.lastError || outbox?.failed ? ' error' : ''}`}
      data-testid="ebay-indicator"
      title={title}
    >
      {describe(status, outbox)}
      {status.nextPollAt && !status.lastError ? ` · next ${clock(status.nextPollAt)}` : ''}
    </a>
  );
}
