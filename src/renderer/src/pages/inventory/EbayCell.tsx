import { EBAY_ENDED_TAG, ebayListingUrl, type ItemSummary } from '@shared/api';
import { useSettingsStore } from '../../stores/settings';

/**
 * The item's eBay listing: its number as a link that opens the listing on eBay (in the
 * seller's browser, through the app's allow-listed external links) and whether it is still
 * active there. An import tags items whose listing ended; they are kept, never deleted.
 */
export function EbayCell({ row }: { row: ItemSummary }) {
  const environment = useSettingsStore((s) => s.settings?.ebay.environment ?? 'production');
  const itemNumber = row.ebayItemId;
  if (!itemNumber) return <span role="cell" />;
  const state = row.tags.includes(EBAY_ENDED_TAG) ? 'ended' : 'active';
  return (
    <span role="cell" className="ebay-cell">
      <a
        className="mono"
        href={ebayListingUrl(environment, itemNumber)}
        target="_blank"
        rel="noopener noreferrer"
        tabIndex={-1}
        title={`Open eBay listing ${itemNumber} (${state}) on eBay`}
      >
        {itemNumber}
      </a>
      <span className={`ebay-state ${state}`} data-testid={`ebay-state-${row.sku}`}>
        {state === 'ended' ? 'Ended' : 'Active'}
      </span>
    </span>
  );
}
