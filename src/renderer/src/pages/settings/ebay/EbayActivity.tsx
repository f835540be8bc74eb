import { useEffect } from 'react';
import type { EbayOutboxEntry } from '@shared/api';
import { formatMoney } from '@shared/domain/money';
import { ErrorText } from '../../../components/ErrorRef';
import { useEbayActivity } from '../../../stores/ebay-activity';
import { useEbayOrders } from '../../../stores/ebay-orders';
import { useSettingsStore } from '../../../stores/settings';

const STATE_WORDS: Record<Exclude<EbayOutboxEntry['state'], 'sent'>, string> = {
  pending: 'Waiting to send',
  held: 'Held',
  failed: 'Failed',
};
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');

/** What FlipSync and eBay did for each other lately: sales taken in, quantity updates sent or not. */
export function EbayActivity() {
  const { sales, load, watch, error } = useEbayActivity();
  const outbox = useEbayOrders((s) => s.outbox);
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  useEffect(() => {
    void load();
    return watch();
  }, [load, watch]);
  const entries = outbox?.entries ?? [];
  return (
    <div className="ebay-activity">
      <h3>eBay activity</h3>
      <section aria-labelledby="ebay-updates-title">
        <h4 id="ebay-updates-title">Quantity updates to eBay</h4>
        {entries.length === 0 ? (
          <p className="muted">
            No quantity updates yet: they appear when the stock of an item listed on eBay changes.
          </p>
        ) : (
          <table data-testid="ebay-updates">
            <thead>
              <tr>
                <th scope="col">Listing</th>
                <th scope="col">SKU</th>
                <th scope="col">Quantity</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <UpdateRow key={e.listing} entry={e} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="ebay-sales-title">
        <h4 id="ebay-sales-title">Sales taken in from eBay</h4>
        {sales === null ? (
          <p className="muted">Loading…</p>
        ) : sales.length === 0 ? (
          <p className="muted">No eBay sales taken in yet.</p>
        ) : (
          <ul data-testid="ebay-recent-sales">
            {sales.map((s) => (
              <li key={s.saleId}>
                {when(s.at).split(',')[0]}: {s.quantity} × {s.title}
                {s.sku ? ` (${s.sku})` : ''} for {formatMoney(s.price, currency)}, fees {formatMoney(s.fees, currency)}
                {s.feesEstimated ? ' (estimated until eBay reports them)' : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
    </div>
  );
}

function UpdateRow({ entry: e }: { entry: EbayOutboxEntry }) {
  const { retry, drop, acting } = useEbayActivity();
  const busy = acting === e.listing;
  // A sent entry with a reason was dropped; one never sent is what an import found on eBay.
  const label =
    e.state !== 'sent' ? STATE_WORDS[e.state] : e.reason ? 'Not sent' : e.sentAt ? 'Sent' : 'In step with eBay';
  const detail =
    e.state === 'sent'
      ? (e.reason ?? (e.sentAt ? `at ${when(e.sentAt)}` : ''))
      : [e.reason, e.nextAt ? `next try ${when(e.nextAt)}` : ''].filter(Boolean).join('; ');
  return (
    <tr data-testid="ebay-update">
      <td>{e.listing}</td>
      <td>{e.sku}</td>
      <td>
        {e.quantity}
        {e.known !== null && e.known !== e.quantity ? ` (eBay has ${e.known})` : ''}
      </td>
      <td>
        {label}
        {detail ? `: ${detail}` : ''}
      </td>
      <td>
        {(e.state === 'failed' || e.state === 'held') && (
          <button
            type="button"
            disabled={busy}
            aria-label={`Retry the update of listing ${e.listing}`}
            onClick={() => void retry(e.listing)}
          >
            Retry now
          </button>
        )}{' '}
        {e.state !== 'sent' && (
          <button
            type="button"
            disabled={busy}
            aria-label={`Drop the update of listing ${e.listing}`}
            onClick={() => void drop(e.listing)}
          >
            Drop
          </button>
        )}
      </td>
    </tr>
  );
}
