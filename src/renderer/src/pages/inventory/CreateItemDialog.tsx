import { useState, type FormEvent } from 'react';
import { type ApiError } from '@shared/api';
import { ItemSchema } from '@shared/domain/inventory';
import { api } from '../../api/client';
import { useItemEditor } from '../../stores/inventory-editor';
import { read } from '../../stores/inventory-result';
import { useInventoryTable } from '../../stores/inventory-table';
import { Modal } from '../../components/Modal';
import { parseNumber } from './format';
import { ErrorText } from '../../components/ErrorRef';

/** The few fields an item needs to exist; the editor opens on it for everything else. */
export function CreateItemDialog({ onClose }: { onClose(): void }) {
  const [sku, setSku] = useState('');
  const [title, setTitle] = useState('');
  const [price, setPrice] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const listPrice = parseNumber(price);
    if ('error' in listPrice) return setError({ code: 'INVALID_INPUT', message: listPrice.error });
    const qty = Number(quantity);
    if (!Number.isInteger(qty) || qty < 0) {
      return setError({ code: 'INVALID_INPUT', message: 'Enter a whole number of units, 0 or more.' });
    }
    setBusy(true);
    const r = read(
      await api.call('inventory.create', { sku, title, listPrice: listPrice.value, quantity: qty }),
      ItemSchema,
    );
    setBusy(false);
    if ('error' in r) return setError(r.error);
    const table = useInventoryTable.getState();
    await Promise.all([table.refresh(), table.loadFacets()]);
    onClose();
    await useItemEditor.getState().open(r.data.id);
  };
  const fieldError = (name: string) => error?.fields?.find((f) => f.path === name)?.message;

  return (
    <Modal labelledBy="create-title" onClose={onClose}>
      <form onSubmit={onSubmit}>
        <h2 id="create-title">New item</h2>
        {[
          { id: 'new-sku', label: 'SKU', value: sku, set: setSku, path: 'sku', auto: true },
          { id: 'new-title', label: 'Title', value: title, set: setTitle, path: 'title' },
          { id: 'new-price', label: 'List price', value: price, set: setPrice, path: 'listPrice' },
          { id: 'new-quantity', label: 'Quantity', value: quantity, set: setQuantity, path: 'quantity' },
        ].map((f) => (
          <div className="field" key={f.id}>
            <label htmlFor={f.id}>{f.label}</label>
            <input
              id={f.id}
              type="text"
              autoFocus={f.auto}
              value={f.value}
              aria-invalid={fieldError(f.path) ? true : undefined}
              onChange={(e) => f.set(e.target.value)}
            />
            {fieldError(f.path) && (
              <span className="error" role="alert">
                {fieldError(f.path)}
              </span>
            )}
          </div>
        ))}
        {error && !error.fields && (
          <p className="error" role="alert">
            <ErrorText error={error} />
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create item'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
