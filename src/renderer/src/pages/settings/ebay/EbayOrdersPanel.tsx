import { useEffect } from 'react';
import { useEbayOrders } from '../../../stores/ebay-orders';
import { useSettingsStore } from '../../../stores/settings';
import { ErrorText } from '../../../components/ErrorRef';
import { NeedsMatching } from './NeedsMatching';

const when = (iso: string) => new Date(iso).toLocaleString();

/** Orders from eBay: read by themselves every few minutes; "Check now" for the impatient. */
export function EbayOrdersPanel() {
  const { status, checking, error, load, watch, checkNow } = useEbayOrders();
  const minutes = useSettingsStore((s) => s.settings?.ebay.ordersPollMinutes ?? 3);
  useEffect(() => {
    void load();
    return watch();
  }, [load, watch]);
  const last = status?.last;
  return (
    <div className="ebay-orders">
      <h3>Orders</h3>
      <p>
        FlipSync reads your eBay orders every {minutes} {minutes === 1 ? 'minute' : 'minutes'} while it runs; each sold
        item becomes a sale here, once.
      </p>
      <p role="status" data-testid="ebay-orders-status">
        {checking
          ? 'Checking eBay for orders…'
          : status?.lastPollAt
            ? `Last checked ${when(status.lastPollAt)}: ${last?.recorded ?? 0} new ${last?.recorded === 1 ? 'sale' : 'sales'} taken in.`
            : 'Not checked yet.'}
        {last && last.returned > 0
          ? ` ${last.returned} cancelled ${last.returned === 1 ? 'sale' : 'sales'} returned to stock.`
          : ''}
        {status && status.unmatched > 0
          ? ` ${status.unmatched} sold ${status.unmatched === 1 ? 'item matches' : 'items match'} nothing in your inventory yet.`
          : ''}
      </p>
      <button type="button" disabled={checking} onClick={() => void checkNow()}>
        Check for orders now
      </button>
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <NeedsMatching />
    </div>
  );
}
