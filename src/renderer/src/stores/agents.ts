/**
 * The Agents page: every agent as core computes it from its runs, the recent runs of the
 * agents the seller opened, and the run details they expanded. Everything is parsed with the
 * contract's output schemas. Core announces finished and failed runs and new proposals;
 * it has no event for a run starting or a step being added, so while a run is in progress
 * the store polls (once a second) until core reports it ended.
 */
import { create } from 'zustand';
import {
  routes,
  type AgentId,
  type AgentInfo,
  type ApiError,
  type Autonomy,
  type Proposal,
  type Run,
  type Step,
} from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

export interface RunDetail {
  run: Run;
  steps: Step[];
  proposals: Proposal[];
}

/** What the seller last did to one agent, and how it went. */
export interface AgentAction {
  busy: boolean;
  error: ApiError | null;
  note: string | null;
}

interface AgentsStore {
  agents: AgentInfo[];
  allPaused: boolean;
  loaded: boolean;
  error: ApiError | null;
  /** Recent runs per agent, for the agents whose run list is open. */
  runs: Partial<Record<AgentId, Run[]>>;
  details: Record<string, RunDetail | ApiError>;
  /** Runs whose steps are shown. */
  openRuns: string[];
  actions: Partial<Record<AgentId | 'all', AgentAction>>;
  load(): Promise<void>;
  loadRuns(agent: AgentId): Promise<void>;
  closeRuns(agent: AgentId): void;
  loadDetail(runId: string): Promise<void>;
  toggleRun(runId: string): void;
  /** Shows one run's steps, opening its agent's run list (a link from Approvals). */
  openRun(runId: string): Promise<void>;
  run(agent: AgentId, input?: string): Promise<void>;
  pause(agent?: AgentId): Promise<void>;
  resume(agent?: AgentId): Promise<void>;
  setAutonomy(agent: AgentId, autonomy: Autonomy): Promise<boolean>;
  cancelRun(agent: AgentId, runId: string): Promise<void>;
  /** Follows core's agent events and polls while a run is in progress; returns the stop. */
  watch(): () => void;
}

const POLL_MS = 1000;
const RUNS_SHOWN = 20;
let generation = 0;

const anyRunning = (s: AgentsStore) =>
  s.agents.some((a) => a.status === 'running') ||
  Object.values(s.details).some((d) => 'run' in d && d.run.outcome === 'running');

export const useAgents = create<AgentsStore>((set, get) => {
  const act = async (key: AgentId | 'all', work: () => Promise<{ error: ApiError } | { note: string | null }>) => {
    set((s) => ({ actions: { ...s.actions, [key]: { busy: true, error: null, note: null } } }));
    const r = await work();
    const done: AgentAction =
      'error' in r ? { busy: false, error: r.error, note: null } : { busy: false, error: null, note: r.note };
    set((s) => ({ actions: { ...s.actions, [key]: done } }));
    await refresh();
    return !('error' in r);
  };

  /** Reloads the list, the open run lists and the open details that may still change. */
  const refresh = async () => {
    const open = Object.keys(get().runs) as AgentId[];
    const live = Object.entries(get().details)
      .filter(([, d]) => 'run' in d && d.run.outcome === 'running')
      .map(([id]) => id);
    await Promise.all([get().load(), ...open.map((a) => get().loadRuns(a)), ...live.map((id) => get().loadDetail(id))]);
  };

  const pauseResult = (r: { error: ApiError } | { data: unknown }) => ('error' in r ? r : { note: null });

  return {
    agents: [],
    allPaused: false,
    loaded: false,
    error: null,
    runs: {},
    details: {},
    openRuns: [],
    actions: {},

    load: async () => {
      const mine = ++generation;
      const r = read(await api.call('agents.list', {}), routes['agents.list'].output);
      if (mine !== generation) return;
      if ('error' in r) set({ error: r.error, loaded: true });
      else set({ agents: r.data.agents, allPaused: r.data.allPaused, error: null, loaded: true });
    },

    loadRuns: async (agent) => {
      const r = read(await api.call('agents.get', { agent, limit: RUNS_SHOWN }), routes['agents.get'].output);
      if ('error' in r) return set({ error: r.error });
      set((s) => ({
        runs: { ...s.runs, [agent]: r.data.runs },
        agents: s.agents.map((a) => (a.id === agent ? r.data.agent : a)),
      }));
    },

    closeRuns: (agent) =>
      set((s) => {
        const runs = { ...s.runs };
        delete runs[agent];
        return { runs };
      }),

    loadDetail: async (runId) => {
      const r = read(await api.call('agents.runDetail', { runId }), routes['agents.runDetail'].output);
      set((s) => ({ details: { ...s.details, [runId]: 'error' in r ? r.error : r.data } }));
    },

    toggleRun: (runId) => {
      const open = get().openRuns;
      if (open.includes(runId)) return set({ openRuns: open.filter((id) => id !== runId) });
      set({ openRuns: [...open, runId] });
      void get().loadDetail(runId);
    },

    openRun: async (runId) => {
      await get().loadDetail(runId);
      const detail = get().details[runId];
      if (detail && 'run' in detail && !get().runs[detail.run.agent]) await get().loadRuns(detail.run.agent);
      if (!get().openRuns.includes(runId)) set({ openRuns: [...get().openRuns, runId] });
    },

    run: async (agent, input) => {
      await act(agent, async () => {
        const r = read(
          await api.call('agents.run', { agent, input: input?.trim() || undefined }),
          routes['agents.run'].output,
        );
        if ('error' in r) return r;
        // Open the new run so its steps show as they are recorded.
        await get().openRun(r.data.runId);
        return { note: 'Started; its steps show below as they are recorded.' };
      });
    },

    pause: async (agent) => {
      await act(agent ?? 'all', async () =>
        pauseResult(read(await api.call('agents.pause', agent ? { agent } : {}), routes['agents.pause'].output)),
      );
    },

    resume: async (agent) => {
      await act(agent ?? 'all', async () =>
        pauseResult(read(await api.call('agents.resume', agent ? { agent } : {}), routes['agents.resume'].output)),
      );
    },

    setAutonomy: (agent, autonomy) =>
      act(agent, async () => {
        const r = read(await api.call('agents.setAutonomy', { agent, autonomy }), routes['agents.setAutonomy'].output);
        return 'error' in r ? r : { note: 'Autonomy saved.' };
      }),

    cancelRun: async (agent, runId) => {
      await act(agent, async () => {
        const r = read(await api.call('agents.cancelRun', { runId }), routes['agents.cancelRun'].output);
        if ('error' in r) return r;
        return { note: r.data.cancelled ? 'Cancelling the run…' : 'That run had already ended.' };
      });
    },

    watch: () => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      let stopped = false;
      // Events arrive in bursts (a scan makes many proposals): refresh once per burst.
      const soon = (ms = 150) => {
        if (stopped || timer) return;
        timer = setTimeout(() => {
          timer = null;
          void refresh().then(() => {
            if (anyRunning(get())) soon(POLL_MS);
          });
        }, ms);
      };
      const stops = [
        api.on('agent.runFinished', () => soon()),
        api.on('agent.runFailed', () => soon()),
        api.on('proposal.created', () => soon()),
        api.on('proposal.resolved', () => soon()),
      ];
      const unsub = useAgents.subscribe((s) => {
        if (anyRunning(s)) soon(POLL_MS);
      });
      if (anyRunning(get())) soon(POLL_MS);
      return () => {
        stopped = true;
        unsub();
        for (const stop of stops) stop();
        if (timer) clearTimeout(timer);
      };
    },
  };
});
