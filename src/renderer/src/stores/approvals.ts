/**
 * The Approvals inbox: proposals waiting for the seller, the ones already decided, the
 * seller's selection and keyboard focus, and the pending count the nav badge shows. Every
 * answer is parsed with the contract's schemas; core's proposal events keep it current.
 */
import { create } from 'zustand';
import {
  ProposalResolvedEventSchema,
  routes,
  type AgentId,
  type ApiError,
  type Proposal,
  type ProposalGroup,
  type ProposalKind,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

const RESOLVED_SHOWN = 50;
/** proposals.list answers at most this many per call, and a decision takes at most this many ids. */
const PAGE = 1000;
/** A page opened with thousands waiting shows this many first, and the rest a moment later. */
const FIRST_SHOWN = 20;

/** Which waiting proposals the page shows: one agent's, one kind, or (null) all. */
export interface ApprovalsFilter {
  agent: AgentId | null;
  kind: ProposalKind | null;
}
export type WaitingCounts = { agent: Partial<Record<AgentId, number>>; kind: Partial<Record<ProposalKind, number>> };

/** How the seller's last decision went, in words. */
export interface Decision {
  verb: 'approve' | 'reject';
  applied: number;
  rejected: number;
  failed: Proposal[];
}

interface ApprovalsStore {
  /** Every waiting proposal the filter shows, newest first. */
  pending: Proposal[];
  filter: ApprovalsFilter;
  /** Waiting proposals by agent and by kind, whatever the filter. */
  waiting: WaitingCounts;
  /** Groups with a member still waiting: each shown as one card. */
  groups: ProposalGroup[];
  /** Groups the seller opened to decide item by item. */
  expanded: string[];
  resolved: Proposal[];
  /** null until core has answered once. */
  pendingCount: number | null;
  loaded: boolean;
  error: ApiError | null;
  selected: string[];
  focus: string | null;
  busy: boolean;
  last: Decision | null;
  /** `firstPage`: answer with the first few waiting proposals, then load the rest. */
  load(opts?: { firstPage?: boolean }): Promise<void>;
  setFilter(filter: Partial<ApprovalsFilter>): Promise<void>;
  loadCount(): Promise<void>;
  approve(ids: string[]): Promise<void>;
  reject(ids: string[]): Promise<void>;
  approveGroup(groupId: string): Promise<void>;
  rejectGroup(groupId: string): Promise<void>;
  /** A markdown group's new percentage: core prices each waiting member again. */
  editGroup(groupId: string, pct: number): Promise<void>;
  toggleExpanded(groupId: string): void;
  toggle(id: string): void;
  selectAll(on: boolean): void;
  setFocus(id: string | null): void;
  /** Moves the focus by `delta` cards (a group, or a proposal shown), staying within the list. */
  move(delta: number): void;
  /** Keeps the pending count current for the nav badge; returns the stop. */
  watchCount(): () => void;
  /** Keeps the lists current while the page is open; returns the stop. */
  watch(): () => void;
}

const ListSchema = routes['proposals.list'].output;
let generation = 0;

/** The cards in the order the page shows them: each group (its members when open), then the rest. */
export function cardOrder(s: Pick<ApprovalsStore, 'pending' | 'groups' | 'expanded'>): string[] {
  const out: string[] = [];
  const ids = new Set(s.groups.map((g) => g.id));
  for (const g of s.groups) {
    out.push(g.id);
    if (s.expanded.includes(g.id)) for (const p of s.pending) if (p.group?.id === g.id) out.push(p.id);
  }
  for (const p of s.pending) if (!p.group || !ids.has(p.group.id)) out.push(p.id);
  return out;
}

export const useApprovals = create<ApprovalsStore>((set, get) => {
  const decide = (verb: Decision['verb'], ids: string[]) => {
    if (ids.length === 0) return Promise.resolve();
    const route = verb === 'approve' ? 'proposals.approve' : 'proposals.reject';
    // A selection of thousands goes in calls of PAGE ids; a failed call stops the rest.
    return settle(verb, ids, async () => {
      const proposals: Proposal[] = [];
      for (let i = 0; i < ids.length; i += PAGE) {
        const r = read(await api.call(route, { ids: ids.slice(i, i + PAGE) }), routes[route].output);
        if ('error' in r) return r;
        proposals.push(...r.data.proposals);
      }
      return { data: { proposals } };
    });
  };
  const decideGroup = (verb: Decision['verb'], groupId: string) => {
    const route = verb === 'approve' ? 'proposals.approveGroup' : 'proposals.rejectGroup';
    return settle(verb, [groupId], async () => read(await api.call(route, { groupId }), routes[route].output));
  };
  /** Runs one decision; `ids` are the cards it takes off the list. */
  const settle = async (
    verb: Decision['verb'],
    ids: string[],
    call: () => Promise<{ data: { proposals: Proposal[] } } | { error: ApiError }>,
  ) => {
    if (get().busy) return;
    const focused = get().focus;
    const before = cardOrder(get()).indexOf(focused ?? '');
    set({ busy: true, error: null });
    const r = await call();
    if ('error' in r) {
      // Part of a large selection may have been decided before the failing call: show what is.
      await get().load();
      set({ busy: false, error: r.error });
      return;
    }
    const list = r.data.proposals;
    // The list first, then the decision: the seller never reads "applied" beside the old cards.
    await get().load();
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
    // The focus stays where it was in the list, now on the card that moved up.
    const order = cardOrder(get());
    if (focused && ids.includes(focused)) {
      set({ focus: order[Math.min(Math.max(before, 0), order.length - 1)] ?? null });
    }
  };

  return {
    pending: [],
    filter: { agent: null, kind: null },
    waiting: { agent: {}, kind: {} },
    groups: [],
    expanded: [],
    resolved: [],
    pendingCount: null,
    loaded: false,
    error: null,
    selected: [],
    focus: null,
    busy: false,
    last: null,

    load: async (opts = {}) => {
      const mine = ++generation;
      const { agent, kind } = get().filter;
      const narrow = { ...(agent ? { agent: [agent] } : {}), ...(kind ? { kind: [kind] } : {}) };
      const [pending, resolved] = await Promise.all([
        api.call('proposals.list', { status: ['pending'], limit: opts.firstPage ? FIRST_SHOWN : PAGE, ...narrow }),
        api.call('proposals.list', {
          status: ['applied', 'failed', 'rejected', 'approved'],
          limit: RESOLVED_SHOWN,
          ...narrow,
        }),
      ]);
      if (mine !== generation) return;
      const p = read(pending, ListSchema);
      const d = read(resolved, ListSchema);
      if ('error' in p) return set({ error: p.error, loaded: true });
      if ('error' in d) return set({ error: d.error, loaded: true });
      let proposals = p.data.proposals;
      // The rest, a page at a time (newest first; a proposal made meanwhile can repeat one).
      while (!opts.firstPage && proposals.length < p.data.matching) {
        const next = read(
          await api.call('proposals.list', { status: ['pending'], limit: PAGE, offset: proposals.length, ...narrow }),
          ListSchema,
        );
        if (mine !== generation) return;
        if ('error' in next) return set({ error: next.error, loaded: true });
        if (next.data.proposals.length === 0) break;
        const have = new Set(proposals.map((x) => x.id));
        proposals = [...proposals, ...next.data.proposals.filter((x) => !have.has(x.id))];
      }
      const ids = new Set(proposals.map((x) => x.id));
      const groups = p.data.groups;
      const expanded = get().expanded.filter((id) => groups.some((g) => g.id === id));
      const order = cardOrder({ pending: proposals, groups, expanded });
      const focus = get().focus;
      set({
        pending: proposals,
        groups,
        expanded,
        resolved: d.data.proposals,
        pendingCount: p.data.pending,
        waiting: p.data.waiting,
        loaded: true,
        error: null,
        // A first page does not know the rest yet: the selection waits for the full answer.
        selected: opts.firstPage ? get().selected : get().selected.filter((id) => ids.has(id)),
        focus: focus && order.includes(focus) ? focus : (order[0] ?? null),
      });
      if (opts.firstPage && p.data.matching > proposals.length) await get().load();
    },

    setFilter: async (filter) => {
      set((s) => ({ filter: { ...s.filter, ...filter }, selected: [], focus: null, expanded: [], last: null }));
      await get().load();
    },

    loadCount: async () => {
      const r = read(await api.call('proposals.list', { status: ['pending'], limit: 1 }), ListSchema);
      if (!('error' in r)) set({ pendingCount: r.data.pending });
    },

    approve: (ids) => decide('approve', ids),
    reject: (ids) => decide('reject', ids),
    approveGroup: (groupId) => decideGroup('approve', groupId),
    rejectGroup: (groupId) => decideGroup('reject', groupId),
    editGroup: async (groupId, pct) => {
      if (get().busy) return;
      set({ busy: true, error: null });
      const r = read(await api.call('proposals.editGroup', { groupId, pct }), routes['proposals.editGroup'].output);
      set({ busy: false, ...('error' in r ? { error: r.error } : {}) });
      await get().load();
    },
    toggleExpanded: (groupId) =>
      set((s) => ({
        expanded: s.expanded.includes(groupId) ? s.expanded.filter((x) => x !== groupId) : [...s.expanded, groupId],
      })),

    toggle: (id) =>
      set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] })),
    selectAll: (on) => set((s) => ({ selected: on ? s.pending.map((p) => p.id) : [] })),
    setFocus: (focus) => set({ focus }),
    move: (delta) => {
      const order = cardOrder(get());
      if (order.length === 0) return;
      const at = order.indexOf(get().focus ?? '');
      const next = Math.min(Math.max(at < 0 ? 0 : at + delta, 0), order.length - 1);
      set({ focus: order[next]! });
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
