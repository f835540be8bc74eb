import type { HistoryEntry } from '@shared/api';
import { fieldWords } from '@shared/domain/field-labels';
import { formatMoney } from '@shared/domain/money';
import { useSettingsStore } from '../../../stores/settings';

function describe(entry: HistoryEntry, currency: string): string {
  switch (entry.type) {
    case 'created':
      return 'Created';
    case 'edited':
      return `Edited ${entry.fields.map(fieldWords).join(', ')}`;
    case 'movement': {
      const m = entry.movement;
      const delta = m.delta > 0 ? `+${m.delta}` : String(m.delta);
      return `Stock ${m.kind} ${delta}${m.note ? ` (${m.note})` : ''}`;
    }
    case 'sale': {
      const { quantity, price, fees, feesEstimated, channel, refunded } = entry.sale;
      const feeWords = fees > 0 ? `, fees ${formatMoney(fees, currency)}${feesEstimated ? ' (estimated)' : ''}` : '';
      const back = refunded > 0 ? `, ${formatMoney(refunded, currency)} refunded` : '';
      return `Sold ${quantity} for ${formatMoney(price, currency)} on ${channel}${feeWords}${back}`;
    }
  }
}

/** What happened to the item, newest first, from its edit log, movements and sales. */
export function HistoryPanel({ entries }: { entries: HistoryEntry[] | null }) {
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  return (
    <section className="editor-history" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      {entries === null ? (
        <p className="muted">Loading history…</p>
      ) : entries.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <ol data-testid="item-history">
          {entries.map((e, i) => (
            <li key={i}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> {describe(e, currency)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
