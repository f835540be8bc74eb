/**
 * The live eBay listings a price proposal compared with, each a link to the listing (opened
 * in the seller's browser through the app's allow-listed external links). Folded by default:
 * the rationale already says their median and range.
 */
import type { MarketComp } from '@shared/api';
import { formatMoney } from '@shared/domain/money';
import { useSettingsStore } from '../../stores/settings';

export function MarketCompsList({ comps }: { comps: MarketComp[] }) {
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  return (
    <details className="proposal-comps">
      <summary>
        {comps.length === 1 ? '1 live eBay listing' : `${comps.length} live eBay listings`} compared (asking prices)
      </summary>
      <ul>
        {comps.map((c) => (
          <li key={c.url}>
            <a href={c.url} target="_blank" rel="noopener noreferrer">
              {c.title || c.url}
            </a>{' '}
            · {formatMoney(c.price, currency)}
            {c.condition ? ` · ${c.condition}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
