import { useState } from 'react';
import { useEbayOrders, type UnmatchedLine } from '../../../stores/ebay-orders';
import { ErrorText } from '../../../components/ErrorRef';

const key = (l: UnmatchedLine) => `${l.orderId}/${l.lineItemId}`;
const when = (iso: string) => new Date(iso).toLocaleDateString();
const money = (value: number, currency: string) =>
  /^[A-Z]{3}$/.test(currency) ? value.toLocaleString(undefined, { style: 'currency', currency }) : value.toFixed(2);

/**
 * Sold on eBay, but FlipSync cannot tell which item: the seller types the item's SKU once.
 * The line becomes a sale of that item, and later orders with the same eBay SKU or item
 * number are taken in by themselves.
 */
export function NeedsMatching() {
  const lines = useEbayOrders((s) => s.unmatched);
  if (lines.length === 0) return null;
  return (
    <section className="ebay-matching" aria-labelledby="ebay-matching-title">
      <h4 id="ebay-matching-title">Needs matching</h4>
      <p>
        These sold on eBay, but their SKU and item number match nothing in your inventory. Type the SKU of the item each
        one sold; FlipSync remembers it for later orders.
      </p>
      <ul className="ebay-matching-list">
        {lines.map((line) => (
          <MatchRow key={key(line)} line={line} />
        ))}
      </ul>
    </section>
  );
}

function MatchRow({ line }: { line: UnmatchedLine }) {
  const { match, matching, matchErrors } = useEbayOrders();
  const [sku, setSku] = useState('');
  const id = `match-${key(line).replace(/[^A-Za-z0-9]/g, '-')}`;
  const error = matchErrors[key(line)];
  const busy = matching === key(line);
  const onEbay = [line.sku && `eBay SKU ${line.sku}`, line.itemNumber && `item ${line.itemNumber}`]
    .filter(Boolean)
    .join(', ');
  return (
    <li data-testid="ebay-unmatched-line">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (sku.trim()) void match(line, sku.trim());
        }}
      >
        <span>
          {when(line.at)}: {line.quantity} × {line.title || 'an item'}
          {line.price !== null ? ` at ${money(line.price, line.currency)}` : ''}
          {line.refunded > 0 ? `, ${money(line.refunded, line.currency)} refunded` : ''} (
          {onEbay || 'no SKU or item number'})
        </span>{' '}
        <label htmlFor={id}>SKU in FlipSync</label>{' '}
        <input
          id={id}
          value={sku}
          onChange={(e) => setSku(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />{' '}
        <button type="submit" disabled={busy || !sku.trim()}>
          {busy ? 'Matching…' : 'Match'}
        </button>
        {error && (
          <p className="error" role="alert" id={`${id}-error`}>
            <ErrorText error={error} />
          </p>
        )}
      </form>
    </li>
  );
}
