/** What a proposal would change on the item: each field, as it is and as it would be. */
import { ITEM_FIELD_LABELS, MONEY_FIELDS } from '@shared/domain/field-labels';
import type { ItemField } from '@shared/domain/inventory';
import { formatMoney } from '@shared/domain/money';
import { useSettingsStore } from '../../stores/settings';

export const fieldLabel = (field: string) =>
  ITEM_FIELD_LABELS[field as ItemField] ??
  field.charAt(0).toUpperCase() +
    field
      .slice(1)
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase();

function isSpecifics(v: unknown): v is { name: string; value: string }[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'name' in x && 'value' in x);
}

function Value({ field, value, money }: { field: string; value: unknown; money: (n: number) => string }) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <span className="muted">empty</span>;
  }
  if (typeof value === 'number') return <>{MONEY_FIELDS.has(field) ? money(value) : value}</>;
  if (typeof value === 'string') return <span className="diff-text">{value}</span>;
  if (isSpecifics(value)) {
    return (
      <ul className="diff-specifics">
        {value.map((s) => (
          <li key={`${s.name}:${s.value}`}>
            {s.name}: {s.value}
          </li>
        ))}
      </ul>
    );
  }
  return <code>{JSON.stringify(value)}</code>;
}

export function Diff({ before, after }: { before: Record<string, unknown>; after: Record<string, unknown> }) {
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  const money = (n: number) => formatMoney(n, currency);
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Now</th>
          <th scope="col">Proposed</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field} data-testid={`diff-${field}`}>
            <th scope="row">{fieldLabel(field)}</th>
            <td className="diff-before">
              <Value field={field} value={before[field]} money={money} />
            </td>
            <td className="diff-after">
              {field in after ? (
                <Value field={field} value={after[field]} money={money} />
              ) : (
                <span className="muted">unchanged</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
