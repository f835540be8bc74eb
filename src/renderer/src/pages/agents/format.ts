/** How the agents and approvals pages put core's numbers and times into words. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });

/** AI spend is always in US dollars (provider prices are); tiny costs keep their digits. */
export function formatUsd(n: number | null): string {
  if (n === null) return 'unknown';
  return n === 0 ? '$0.00' : n >= 0.01 ? `$${n.toFixed(2)}` : usd.format(n);
}

export function formatPct(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export function formatWhen(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function formatDuration(from: string, to: string | null): string {
  if (!to) return 'still running';
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (!(ms >= 0)) return '—';
  return ms < 1000 ? `${ms} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Tool arguments and results are JSON text; shown indented when they parse, as sent when not. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export const TRIGGER_LABEL = { chat: 'from chat', schedule: 'scheduled', button: 'Run now' } as const;

export const OUTCOME_LABEL = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'no-result': 'No result',
} as const;
