import type { Item } from '@shared/domain/inventory';
import { useItemEditor } from '../../../stores/inventory-editor';
import { fieldLabel } from '@shared/domain/field-labels';
import { sizeText, weightText, type PackageSize, type PackageWeight } from '@shared/domain/package';
import { DATE_FIELDS, MONEY_FIELDS, TEXT_FIELDS } from './draft';

const LABELS: Record<string, string> = Object.fromEntries(
  [...TEXT_FIELDS, ...MONEY_FIELDS, ...DATE_FIELDS].map((f) => [f.key, f.label]),
);

const show = (field: string, value: unknown) =>
  value === null || value === undefined || value === ''
    ? '(empty)'
    : typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : field === 'packageWeight'
        ? weightText(value as PackageWeight)
        : field === 'packageSize'
          ? sizeText(value as PackageSize)
          : JSON.stringify(value);

/**
 * Values that lost a sync conflict (two devices changed the same field). They are kept until
 * the seller picks one instead of the current value or dismisses it.
 */
export function ConflictsPanel({ item }: { item: Item }) {
  const { pickConflict, dismissConflict } = useItemEditor();
  if (item.conflicts.length === 0) return null;
  return (
    <section className="editor-conflicts" aria-labelledby="conflicts-title">
      <h3 id="conflicts-title">Sync conflicts ({item.conflicts.length})</h3>
      <p className="muted">
        Another device changed these fields too. The newest change is in use; the other values are kept here.
      </p>
      <ul>
        {item.conflicts.map((c) => (
          <li key={`${c.field}:${c.rev}`} data-testid="conflict">
            <strong>{LABELS[c.field] ?? fieldLabel(c.field)}</strong>: now{' '}
            {show(c.field, (item as Record<string, unknown>)[c.field])}; kept <q>{show(c.field, c.value)}</q> from{' '}
            {new Date(c.changedAt).toLocaleString()}{' '}
            <button type="button" onClick={() => void pickConflict(c.field, c.rev)}>
              Use {show(c.field, c.value)}
            </button>{' '}
            <button type="button" onClick={() => void dismissConflict(c.field, c.rev)}>
              Keep current
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
