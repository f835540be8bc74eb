/**
 * The Agents page: every agent as core computes it from its runs, the recent runs of the
 * agents the seller opened, and the run details they expanded. Everything is parsed with the
 * contract's schemas. Runs are followed from core's events alone: a started run joins its
 * agent's card and run list, each saved step joins the open run detail, and a finished run
 * (or a proposal) reloads the figures core computes. Nothing polls.
 */
import { create } from 'zustand';
import {
  eventSchemas,
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
import { getTransport } from '../api/transport';
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
  /** Runs seen starting and not yet seen ending, with the steps announced so far. */
  live: Record<string, { run: Run; steps: Step[] }>;
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
  /** Follows core's agent events (and the transport reconnecting); returns the stop. */
  watch(): () => void;
}

const RUNS_SHOWN = 20;
let generation = 0;

/** The agent once `run` started, unless what core answered already counts that run (or a later one). */
const withStarted = (agent: AgentInfo, run: Run): AgentInfo =>
  agent.id !== run.agent || (agent.lastRun && agent.lastRun.startedAt >= run.startedAt)
    ? agent
    : { ...agent, status: 'running', lastRun: run, runs: agent.runs + 1 };

/** Steps from an answer and from events, once each; step ids sort in the order they were saved. */
const mergeSteps = (a: Step[], b: Step[]): Step[] => {
  const byId = new Map([...a, ...b].map((step) => [step.id, step]));
  return [...byId.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
};

const STARTED = 'Started; its steps show below as they are recorded.';

export const useAgents = create<AgentsStore>((set, get) => {
  /**
   * Runs whose end was announced. A run can end (a missing API key fails it in milliseconds)
   * before the answer to agents.run arrives; its "Started" note must not appear after that.
   */
  const ended = new Set<string>();
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
    live: {},

    load: async () => {
      const mine = ++generation;
      const r = read(await api.call('agents.list', {}), routes['agents.list'].output);
      if (mine !== generation) return;
      if ('error' in r) return set({ error: r.error, loaded: true });
      // An answer read just before a run started must not hide that run.
      const started = Object.values(get().live).map((l) => l.run);
      const agents = r.data.agents.map((a) => started.reduce(withStarted, a));
      set({ agents, allPaused: r.data.allPaused, error: null, loaded: true });
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
      set((s) => {
        if ('error' in r) return { details: { ...s.details, [runId]: r.error } };
        // Steps announced while this answer was on its way are kept, not dropped.
        const before = s.details[runId];
        const known = [...(s.live[runId]?.steps ?? []), ...(before && 'run' in before ? before.steps : [])];
        const detail =
          r.data.run.outcome === 'running' ? { ...r.data, steps: mergeSteps(r.data.steps, known) } : r.data;
        return { details: { ...s.details, [runId]: detail } };
      });
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
        const detail = get().details[r.data.runId];
        const over = ended.has(r.data.runId) || (detail && 'run' in detail && detail.run.outcome !== 'running');
        return { note: over ? null : STARTED };
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
      // Runs followed by an earlier watch may have ended unseen; core's answers cover them now.
      set({ live: {} });
      // Endings and proposals arrive in bursts (a scan makes many proposals): reload once per burst.
      const soon = () => {
        if (stopped || timer) return;
        timer = setTimeout(() => {
          timer = null;
          void refresh();
        }, 150);
      };
      const started = (payload: unknown) => {
        const p = eventSchemas['agent.runStarted'].safeParse(payload);
        if (!p.success) return soon();
        const { run } = p.data;
        set((s) => {
          const list = s.runs[run.agent];
          return {
            live: { ...s.live, [run.id]: { run, steps: s.live[run.id]?.steps ?? [] } },
            agents: s.agents.map((a) => withStarted(a, run)),
            runs:
              list && !list.some((r) => r.id === run.id)
                ? { ...s.runs, [run.agent]: [run, ...list].slice(0, RUNS_SHOWN) }
                : s.runs,
          };
        });
      };
      const stepped = (payload: unknown) => {
        const p = eventSchemas['agent.runStep'].safeParse(payload);
        if (!p.success) return soon();
        const { runId, step } = p.data;
        set((s) => {
          const live = s.live[runId];
          const detail = s.details[runId];
          return {
            live: live ? { ...s.live, [runId]: { ...live, steps: mergeSteps(live.steps, [step]) } } : s.live,
            details:
              detail && 'run' in detail
                ? { ...s.details, [runId]: { ...detail, steps: mergeSteps(detail.steps, [step]) } }
                : s.details,
          };
        });
      };
      const finished = (payload: unknown) => {
        const p = eventSchemas['agent.runFinished'].safeParse(payload);
        if (p.success) ended.add(p.data.runId);
        if (p.success && get().live[p.data.runId]) {
          const live = { ...get().live };
          delete live[p.data.runId];
          set({ live });
        }
        // "Started; its steps show below" is not true any more once the run has ended.
        const action = p.success ? get().actions[p.data.agent] : undefined;
        if (p.success && action?.note === STARTED) {
          set((s) => ({ actions: { ...s.actions, [p.data.agent]: { ...action, note: null } } }));
        }
        soon();
      };
      // The one safety net: events sent while the WebSocket was down are lost, so after a
      // reconnect core's answer replaces what was followed from events. IPC never drops.
      let wasOpen = false;
      let dropped = false;
      const stopState = getTransport().onState((state) => {
        if (state !== 'open') {
          dropped ||= wasOpen;
          return;
        }
        wasOpen = true;
        if (!dropped) return;
        dropped = false;
        set({ live: {} });
        soon();
      });
      const stops = [
        api.on('agent.runStarted', started),
        api.on('agent.runStep', stepped),
        // Sent for every ending, failures included (agent.runFailed adds nothing to reload for).
        api.on('agent.runFinished', finished),
        api.on('proposal.created', () => soon()),
        api.on('proposal.resolved', () => soon()),
        stopState,
      ];
      return () => {
        stopped = true;
        for (const stop of stops) stop();
        if (timer) clearTimeout(timer);
      };
    },
  };
});
