/**
 * The dashboard: the filter the seller chose and the figures core computed for it. Answers
 * to an older filter are dropped; `analytics.changed` from core refetches, so the page
 * follows sales, edits, agent runs and AI calls without a reload.
 */
import { create } from 'zustand';
import { DashboardSchema, rangeProblem, type AnalyticsFilter, type ApiError, type Dashboard } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

/** Refetch at most this often while changes keep arriving (an import, a sync). */
const REFRESH_MS = 200;

interface DashboardStore {
  filter: AnalyticsFilter;
  data: Dashboard | null;
  error: ApiError | null;
  loading: boolean;
  setFilter(change: Partial<AnalyticsFilter>): void;
  load(): Promise<void>;
  /** Follows core's change events; returns the unsubscribe. */
  watch(): () => void;
}

let generation = 0;

export const useDashboard = create<DashboardStore>((set, get) => ({
  filter: {},
  data: null,
  error: null,
  loading: false,

  setFilter: (change) => {
    const next: Record<string, unknown> = { ...get().filter, ...change };
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    set({ filter: next as AnalyticsFilter });
    void get().load();
  },

  load: async () => {
    const mine = ++generation;
    // Every load checks the range, not only the filter change: a refresh after a change event
    // must not ask core for a range that cannot be (and get core's refusal in other words).
    const problem = rangeProblem(get().filter);
    if (problem) {
      set({ data: null, loading: false, error: { code: 'INVALID_INPUT', ...problem } });
      return;
    }
    set({ loading: true });
    const r = read(await api.call('analytics.dashboard', get().filter), DashboardSchema);
    if (mine !== generation) return;
    // Figures of another filter must not stand under an error about this one.
    if ('error' in r)
      set({ error: r.error, loading: false, ...(r.error.code === 'INVALID_INPUT' ? { data: null } : {}) });
    else set({ data: r.data, error: null, loading: false });
  },

  watch: () => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = api.on('analytics.changed', () => {
      timer ??= setTimeout(() => {
        timer = null;
        void get().load();
      }, REFRESH_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  },
}));
