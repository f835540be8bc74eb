/**
 * The Approvals inbox: proposals waiting for the seller, the ones already decided, the
 * seller's selection and keyboard focus, and the pending count the nav badge shows. Every
 * answer is parsed with the contract's schemas; core's proposal events keep it current.
 */
import { create } from 'zustand';
import { ProposalResolvedEventSchema, routes, type ApiError, type Proposal } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

const RESOLVED_SHOWN = 50;
/** proposals.list answers at most this many per call (the contract's limit). */
const PENDING_SHOWN = 1000;

/** How the seller's last decision went, in words. */
export interface Decision {
  verb: 'approve' | 'reject';
  applied: number;
  rejected: number;
  failed: Proposal[];
}

interface ApprovalsStore {
  pending: Proposal[];
  resolved: Proposal[];
  /** null until core has answered once. */
  pendingCount: number | null;
  loaded: boolean;
  error: ApiError | null;
  selected: string[];
  focus: string | null;
  busy: boolean;
  last: Decision | null;
  load(): Promise<void>;
  loadCount(): Promise<void>;
  approve(ids: string[]): Promise<void>;
  reject(ids: string[]): Promise<void>;
  toggle(id: string): void;
  selectAll(on: boolean): void;
  setFocus(id: string | null): void;
  /** Moves the focus by `delta` proposals, staying within the list. */
  move(delta: number): void;
  /** Keeps the pending count current for the nav badge; returns the stop. */
  watchCount(): () => void;
  /** Keeps the lists current while the page is open; returns the stop. */
  watch(): () => void;
}

const ListSchema = routes['proposals.list'].output;
let generation = 0;

export const useApprovals = create<ApprovalsStore>((set, get) => {
  const decide = async (verb: Decision['verb'], ids: string[]) => {
    if (ids.length === 0 || get().busy) return;
    const focused = get().focus;
    const before = get().pending.findIndex((p) => p.id === focused);
    set({ busy: true, error: null });
    const route = verb === 'approve' ? 'proposals.approve' : 'proposals.reject';
    const r = read(await api.call(route, { ids }), routes[route].output);
    if ('error' in r) {
      set({ busy: false, error: r.error });
      return;
    }
    const list = r.data.proposals;
    set({
      busy: false,
      selected: get().selected.filter((id) => !ids.includes(id)),
      last: {
        verb,
        applied: list.filter((p) => p.status === 'applied').length,
        rejected: list.filter((p) => p.status === 'rejected').length,
        failed: list.filter((p) => p.status === 'failed'),
      },
    });
    await get().load();
    // The focus stays where it was in the list, now on the proposal that moved up.
    const pending = get().pending;
    if (focused && ids.includes(focused)) {
      set({ focus: pending[Math.min(Math.max(before, 0), pending.length - 1)]?.id ?? null });
    }
  };

  return {
    pending: [],
    resolved: [],
    pendingCount: null,
    loaded: false,
    error: null,
    selected: [],
    focus: null,
    busy: false,
    last: null,

    load: async () => {
      const mine = ++generation;
      const [pending, resolved] = await Promise.all([
        api.call('proposals.list', { status: ['pending'], limit: PENDING_SHOWN }),
        api.call('proposals.list', { status: ['applied', 'failed', 'rejected', 'approved'], limit: RESOLVED_SHOWN }),
      ]);
      if (mine !== generation) return;
      const p = read(pending, ListSchema);
      const d = read(resolved, ListSchema);
      if ('error' in p) return set({ error: p.error, loaded: true });
      if ('error' in d) return set({ error: d.error, loaded: true });
      const ids = new Set(p.data.proposals.map((x) => x.id));
      const focus = get().focus;
      set({
        pending: p.data.proposals,
        resolved: d.data.proposals,
        pendingCount: p.data.pending,
        loaded: true,
        error: null,
        selected: get().selected.filter((id) => ids.has(id)),
        focus: focus && ids.has(focus) ? focus : (p.data.proposals[0]?.id ?? null),
      });
    },

    loadCount: async () => {
      const r = read(await api.call('proposals.list', { status: ['pending'], limit: 1 }), ListSchema);
      if (!('error' in r)) set({ pendingCount: r.data.pending });
    },

    approve: (ids) => decide('approve', ids),
    reject: (ids) => decide('reject', ids),

    toggle: (id) =>
      set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] })),
    selectAll: (on) => set((s) => ({ selected: on ? s.pending.map((p) => p.id) : [] })),
    setFocus: (focus) => set({ focus }),
    move: (delta) => {
      const { pending, focus } = get();
      if (pending.length === 0) return;
      const at = pending.findIndex((p) => p.id === focus);
      const next = Math.min(Math.max(at < 0 ? 0 : at + delta, 0), pending.length - 1);
      set({ focus: pending[next]!.id });
    },

    watchCount: () => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      const stopCreated = api.on('proposal.created', () => {
        timer ??= setTimeout(() => {
          timer = null;
          void get().loadCount();
        }, 150);
      });
      const stopResolved = api.on('proposal.resolved', (payload) => {
        const parsed = ProposalResolvedEventSchema.safeParse(payload);
        if (parsed.success) set({ pendingCount: parsed.data.pending });
      });
      return () => {
        stopCreated();
        stopResolved();
        if (timer) clearTimeout(timer);
      };
    },

    watch: () => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      // A scan creates proposals in a burst: reload once per burst, not once per proposal.
      const soon = () => {
        timer ??= setTimeout(() => {
          timer = null;
          void get().load();
        }, 150);
      };
      const stops = [api.on('proposal.created', soon), api.on('proposal.resolved', soon)];
      return () => {
        for (const stop of stops) stop();
        if (timer) clearTimeout(timer);
      };
    },
  };
});
