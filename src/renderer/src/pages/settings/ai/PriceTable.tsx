import { useState } from 'react';
import type { ModelPrice } from '@shared/api';
import { useAiStore } from '../../../stores/ai';
import { ErrorRef } from '../../../components/ErrorRef';

type Row = { model: string; input: string; output: string; cached: string };

const toRow = (p: ModelPrice): Row => ({
  model: p.model,
  input: String(p.inputPerMTok),
  output: String(p.outputPerMTok),
  cached: p.cachedInputPerMTok === undefined ? '' : String(p.cachedInputPerMTok),
});
/** Typed as entered: the core is the one validator and names what is wrong. */
const toPrice = (r: Row) => ({
  model: r.model,
  inputPerMTok: r.input === '' ? Number.NaN : Number(r.input),
  outputPerMTok: r.output === '' ? Number.NaN : Number(r.output),
  ...(r.cached === '' ? {} : { cachedInputPerMTok: Number(r.cached) }),
});

export function PriceTable() {
  const prices = useAiStore((s) => s.prices);
  if (!prices) return null;
  // Starts over from the saved table whenever it changes.
  return <PriceEditor key={JSON.stringify(prices)} saved={prices} />;
}

function PriceEditor({ saved }: { saved: ModelPrice[] }) {
  const { pricesStatus, pricesError, savePrices } = useAiStore();
  const [rows, setRows] = useState<Row[]>(() => saved.map(toRow));
  const dirty = JSON.stringify(rows) !== JSON.stringify(saved.map(toRow));
  const errorAt = new Map((pricesError?.fields ?? []).map((f) => [f.path, f.message]));
  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cell = (i: number, key: keyof Row, label: string) => (
    <td>
      <input
        aria-label={`${label}, row ${i + 1}`}
        value={rows[i]![key]}
        inputMode={key === 'model' ? 'text' : 'decimal'}
        aria-invalid={errorAt.has(`prices.${i}.${fieldOf(key)}`) || undefined}
        onChange={(e) => update(i, { [key]: e.target.value })}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
      />
    </td>
  );

  return (
    <div className="field">
      <span className="label">Prices (USD per million tokens)</span>
      <table className="prices">
        <thead>
          <tr>
            <th>Model</th>
            <th>Input</th>
            <th>Output</th>
            <th>Cached input</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((_, i) => (
            <tr key={i}>
              {cell(i, 'model', 'Model')}
              {cell(i, 'input', 'Input price')}
              {cell(i, 'output', 'Output price')}
              {cell(i, 'cached', 'Cached input price')}
              <td>
                <button type="button" onClick={() => setRows(rows.filter((__, j) => j !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, { model: '', input: '', output: '', cached: '' }])}>
          Add model
        </button>
        <button
          type="button"
          disabled={!dirty || pricesStatus === 'busy'}
          onClick={() => void savePrices(rows.map(toPrice) as ModelPrice[])}
        >
          Save prices
        </button>
        <span role="status" data-testid="ai-prices-status">
          {pricesStatus === 'done' && !dirty && 'Prices saved.'}
        </span>
      </div>
      {pricesError && (
        <small className="error" role="alert">
          Prices not saved:{' '}
          {pricesError.fields?.length
            ? pricesError.fields.map((f) => `${describe(f.path)}: ${f.message}`).join('; ')
            : `${pricesError.message} ${pricesError.hint ?? ''}`}
          <ErrorRef error={pricesError} />
        </small>
      )}
    </div>
  );
}

function fieldOf(key: keyof Row): string {
  return { model: 'model', input: 'inputPerMTok', output: 'outputPerMTok', cached: 'cachedInputPerMTok' }[key];
}

function describe(path: string): string {
  const m = /^prices\.(\d+)\.(\w+)$/.exec(path);
  if (!m) return path;
  const names: Record<string, string> = {
    model: 'model',
    inputPerMTok: 'input price',
    outputPerMTok: 'output price',
    cachedInputPerMTok: 'cached input price',
  };
  return `row ${Number(m[1]) + 1} ${names[m[2]!] ?? m[2]}`;
}
