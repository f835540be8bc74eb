import { useState, type KeyboardEvent } from 'react';
import type { ItemSummary } from '@shared/api';
import type { ItemStatus } from '@shared/domain/inventory';
import { useInlineEdit } from '../../stores/inventory-inline';
import { money, parseNumber, STATUS_OPTIONS } from './format';

interface NumberCellProps {
  row: ItemSummary;
  label: string;
  shown: string;
  initial: string;
  integer?: boolean;
  /** Gets the row as it was when editing began: the edit is checked against that rev. */
  onSave(seen: ItemSummary, value: number | null): Promise<boolean>;
}

/** A value that becomes an input on click or Enter; Enter or leaving saves, Esc cancels. */
function NumberCell({ row, label, shown, initial, integer, onSave }: NumberCellProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [seen, setSeen] = useState<ItemSummary>(row);
  const [error, setError] = useState<string | null>(null);
  const saving = useInlineEdit((s) => s.saving === row.id);
  const refuse = (message: string) => {
    setError(message);
    useInlineEdit.getState().refuse(row.id, message);
  };

  const commit = async () => {
    if (draft === null) return;
    if (draft.trim() === initial) return setDraft(null);
    const parsed = parseNumber(draft);
    const problem =
      'error' in parsed
        ? parsed.error
        : integer && (parsed.value === null || !Number.isInteger(parsed.value) || parsed.value < 0)
          ? 'Enter a whole number of units, 0 or more.'
          : null;
    // Shown above the table: the cell is too narrow for a sentence.
    if (problem) return refuse(`${label} of ${row.sku}: ${problem}`);
    if ('error' in parsed || saving) return;
    setError(null);
    // The input stays, with what was typed, until the save is through: a save refused because
    // FlipSync is unreachable keeps it for the next try; any other outcome shows the row.
    if (!(await onSave(seen, parsed.value)) && useInlineEdit.getState().notice?.error.code === 'UNAVAILABLE') {
      setError(useInlineEdit.getState().notice?.error.message ?? null);
      return;
    }
    setDraft(null);
  };
  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation(); // keys typed here are not the row's shortcuts
    if (e.key === 'Enter') void commit();
    if (e.key === 'Escape') {
      e.preventDefault(); // cancels this edit only, not the editor panel
      setDraft(null);
      if (error) useInlineEdit.getState().dismiss();
      setError(null);
    }
  };

  if (draft === null) {
    return (
      <button
        type="button"
        className="cell-edit"
        aria-label={`${label} of ${row.sku}: ${shown}. Edit`}
        disabled={saving}
        onClick={(e) => {
          e.stopPropagation();
          setSeen(row);
          setDraft(initial);
        }}
        onKeyDown={(e) => e.stopPropagation()}
      >
        {shown}
      </button>
    );
  }
  return (
    <span className="cell-input">
      <input
        type="text"
        inputMode="decimal"
        autoFocus
        aria-label={`${label} of ${row.sku}`}
        aria-invalid={error ? true : undefined}
        aria-errormessage={error ? 'inline-notice' : undefined}
        value={draft}
        readOnly={saving}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKey}
        onClick={(e) => e.stopPropagation()}
        onBlur={() => void commit()}
      />
    </span>
  );
}

export function PriceCell({ row, currency }: { row: ItemSummary; currency: string }) {
  const savePrice = useInlineEdit((s) => s.savePrice);
  return (
    <NumberCell
      row={row}
      label="Price"
      shown={money(row.listPrice, currency)}
      initial={row.listPrice === null ? '' : String(row.listPrice)}
      onSave={(seen, value) => savePrice(seen, value)}
    />
  );
}

export function QuantityCell({ row }: { row: ItemSummary }) {
  const saveQuantity = useInlineEdit((s) => s.saveQuantity);
  return (
    <NumberCell
      row={row}
      label="Quantity"
      shown={String(row.quantity)}
      initial={String(row.quantity)}
      integer
      onSave={(seen, value) => saveQuantity(seen, value ?? 0)}
    />
  );
}

export function StatusCell({ row }: { row: ItemSummary }) {
  const saveStatus = useInlineEdit((s) => s.saveStatus);
  const saving = useInlineEdit((s) => s.saving === row.id);
  return (
    <select
      className="cell-status"
      aria-label={`Status of ${row.sku}`}
      value={row.status}
      disabled={saving}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={(e) => void saveStatus(row, e.target.value as ItemStatus)}
    >
      {STATUS_OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
