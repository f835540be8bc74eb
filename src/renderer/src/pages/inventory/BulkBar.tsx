import { parseAmount } from '@shared/domain/money';
import { useState, type FormEvent } from 'react';
import type { ItemStatus } from '@shared/domain/inventory';
import { useBulkActions, type BulkChange } from '../../stores/inventory-bulk';
import { hasFilter, useInventoryTable } from '../../stores/inventory-table';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { STATUS_OPTIONS } from './format';
import { ErrorRef } from '../../components/ErrorRef';

type Action = 'pricePct' | 'priceAmount' | 'status' | 'location' | 'addTags' | 'removeTags' | 'archive';

const ACTIONS: { value: Action; label: string }[] = [
  { value: 'pricePct', label: 'Change price by %' },
  { value: 'priceAmount', label: 'Change price by amount' },
  { value: 'status', label: 'Set status' },
  { value: 'location', label: 'Set location' },
  { value: 'addTags', label: 'Add tags' },
  { value: 'removeTags', label: 'Remove tags' },
  { value: 'archive', label: 'Archive' },
];

const tagsOf = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

function changeFor(action: Action, value: string): BulkChange | string {
  switch (action) {
    case 'pricePct':
    case 'priceAmount': {
      const n = parseAmount(value);
      if (value.trim() === '' || !Number.isFinite(n)) return 'Enter a number, such as 10 or -5.';
      // The route's own limits, said in the seller's words before anything is sent.
      if (action === 'pricePct' && (n < -100 || n > 1000)) return 'Change prices by -100% to +1000%.';
      return { price: action === 'pricePct' ? { byPercent: n } : { byAmount: n } };
    }
    case 'status':
      return { status: (value || 'ready') as ItemStatus };
    case 'location':
      return { location: value };
    case 'addTags':
    case 'removeTags':
      return tagsOf(value).length === 0 ? 'Enter one or more tags, separated by commas.' : { [action]: tagsOf(value) };
    case 'archive':
      return { status: 'archived' };
  }
}

/** What to do with the selected rows (or everything the filter matches). */
export function BulkBar() {
  const { selected, total, filter, clearSelection } = useInventoryTable();
  const { busy, message, error, apply, deleteSelected, clearMessage } = useBulkActions();
  const [action, setAction] = useState<Action>('pricePct');
  const [value, setValue] = useState('');
  const [scope, setScope] = useState<'selection' | 'filter'>('selection');
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const effectiveScope = selected.size === 0 ? 'filter' : scope;
  const count = effectiveScope === 'selection' ? selected.size : (total ?? 0);
  if (selected.size === 0 && !hasFilter(filter) && !message && !error) return null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const change = changeFor(action, value);
    if (typeof change === 'string') return setLocalError(change);
    setLocalError(null);
    if (await apply(change, effectiveScope)) setValue('');
  };

  return (
    <form className="inv-bulk" onSubmit={onSubmit} aria-label="Bulk actions">
      <span data-testid="selection-count">
        {selected.size > 0 ? `${selected.size} selected` : `${total ?? 0} matching the filter`}
      </span>
      {selected.size > 0 && hasFilter(filter) && (
        <select aria-label="Apply to" value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          <option value="selection">the selected items</option>
          <option value="filter">all {total ?? 0} matching the filter</option>
        </select>
      )}
      <select aria-label="Bulk action" value={action} onChange={(e) => setAction(e.target.value as Action)}>
        {ACTIONS.map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </select>
      {action === 'status' ? (
        <select aria-label="New status" value={value || 'ready'} onChange={(e) => setValue(e.target.value)}>
          {STATUS_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : action !== 'archive' ? (
        <input
          type="text"
          aria-label="Bulk value"
          value={value}
          placeholder={action.startsWith('price') ? 'e.g. 10 or -5' : action.endsWith('Tags') ? 'tag1, tag2' : ''}
          onChange={(e) => setValue(e.target.value)}
        />
      ) : null}
      <button type="submit" disabled={busy || count === 0}>
        {busy ? 'Applying…' : `Apply to ${count}`}
      </button>
      {selected.size > 0 && (
        <>
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)} disabled={busy}>
            Delete {selected.size}…
          </button>
          <button type="button" onClick={clearSelection}>
            Clear selection
          </button>
        </>
      )}
      <span role="status" data-testid="bulk-status">
        {message}
      </span>
      {(localError || error) && (
        <span className="error" role="alert">
          {localError ?? error?.message} {error?.hint} {!localError && <ErrorRef error={error} />}
        </span>
      )}
      {message && (
        <button type="button" className="link" onClick={clearMessage}>
          Dismiss
        </button>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete ${selected.size} item${selected.size === 1 ? '' : 's'}?`}
          body="They disappear from the inventory on this and your synced devices. Their stock movements and sales stay for your records. Archive instead to keep them."
          confirm="Delete"
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void deleteSelected();
          }}
        />
      )}
    </form>
  );
}
