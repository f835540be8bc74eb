import { useState, type FormEvent } from 'react';
import type { ApiError, FeeTable, Settings } from '@shared/api';
import { api } from '../../../api/client';
import { ErrorRef } from '../../../components/ErrorRef';
import { useSettingsStore } from '../../../stores/settings';

type Row = { [K in keyof FeeTable]: string };

const toRow = (t: FeeTable): Row => ({
  currency: t.currency,
  marketplace: t.marketplace,
  ratePct: String(t.ratePct),
  perOrder: String(t.perOrder),
  since: t.since,
  source: t.source,
});
// A number field left empty is sent as text, so the core names it instead of reading 0.
const num = (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);
const toTable = (r: Row) => ({ ...r, ratePct: num(r.ratePct), perOrder: num(r.perOrder) });

const COLUMNS: { key: keyof FeeTable; label: string; width?: string }[] = [
  { key: 'currency', label: 'Currency', width: '5em' },
  { key: 'marketplace', label: 'Marketplace', width: '9em' },
  { key: 'ratePct', label: 'Rate (%)', width: '5em' },
  { key: 'perOrder', label: 'Per order', width: '5em' },
  { key: 'since', label: 'From (date)', width: '8em' },
  { key: 'source', label: 'Where the numbers come from' },
];

/**
 * Selling fees per currency, from a date: pricing uses the newest table of the seller's
 * currency in force. Keyed by the saved tables, so a save (here or elsewhere) starts over.
 */
export function FeesSection() {
  const settings = useSettingsStore((s) => s.settings);
  if (!settings) return null;
  return <FeesForm key={JSON.stringify(settings.fees)} settings={settings} />;
}

function FeesForm({ settings }: { settings: Settings }) {
  const receive = useSettingsStore((s) => s.receive);
  const [rows, setRows] = useState<Row[]>(() => settings.fees.tables.map(toRow));
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(rows) !== JSON.stringify(settings.fees.tables.map(toRow));
  const fieldErrors = new Map((error?.fields ?? []).map((f) => [f.path, f.message]));
  const currency = settings.general.currency;
  const hasCurrency = settings.fees.tables.some((t) => t.currency === currency);

  const edit = (i: number, key: keyof FeeTable, value: string) =>
    setRows(rows.map((r, k) => (k === i ? { ...r, [key]: value } : r)));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const result = await api.call('settings.set', { fees: { tables: rows.map(toTable) } } as never);
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    receive(result.data);
  };

  return (
    <form className="settings fees" onSubmit={(e) => void onSubmit(e)} aria-labelledby="fees-title">
      <h2 id="fees-title">Selling fees</h2>
      <p>
        Pricing counts these fees when an item has none of its own recorded: the newest table of your currency (
        {currency}) that has started.
      </p>
      {!hasCurrency && (
        <p className="error" role="alert" data-testid="fees-missing">
          No fee table for {currency}: pricing will ask for one before it prices an item by its cost.
        </p>
      )}
      <table className="fee-tables">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {COLUMNS.map((c) => {
                const message = fieldErrors.get(`fees.tables.${i}.${c.key}`);
                return (
                  <td key={c.key}>
                    <input
                      aria-label={`${c.label}, table ${i + 1}`}
                      value={row[c.key]}
                      style={c.width ? { width: c.width } : undefined}
                      aria-invalid={message ? true : undefined}
                      onChange={(e) => edit(i, c.key, e.target.value)}
                    />
                    {message && <span className="error small">{message}</span>}
                  </td>
                );
              })}
              <td>
                <button type="button" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button
          type="button"
          onClick={() =>
            setRows([
              ...rows,
              {
                currency,
                marketplace: '',
                ratePct: '',
                perOrder: '',
                since: new Date().toISOString().slice(0, 10),
                source: '',
              },
            ])
          }
        >
          Add a fee table
        </button>
        <button type="submit" disabled={!dirty || saving}>
          {saving ? 'Saving…' : 'Save fees'}
        </button>
        <span role="status" data-testid="fees-status">
          {error && (
            <span className="error">
              Not saved: {error.message} <ErrorRef error={error} />
            </span>
          )}
        </span>
      </div>
    </form>
  );
}
