import { AGENT_IDS, type agentRoutes, type AgentId } from '@shared/api/agents';
import type { HandlersFor } from '../router';
import { agentInfo } from './registry';
import type { AgentsService } from './service';

export function agentHandlers(agents: AgentsService): HandlersFor<typeof agentRoutes> {
  const info = async (agent: AgentId) => {
    const [runs, config, all] = await Promise.all([
      agents.runs.all(),
      agents.config.get(agent),
      agents.config.get('all'),
    ]);
    return { info: agentInfo(agents.definition(agent), runs, config, all.paused), runs };
  };
  const pauseState = async () => {
    const all = await agents.config.get('all');
    const paused: AgentId[] = [];
    for (const id of AGENT_IDS) if ((await agents.config.get(id)).paused) paused.push(id);
    return { paused, allPaused: all.paused };
  };
  return {
    'agents.list': async () => {
      const runs = await agents.runs.all();
      const all = await agents.config.get('all');
      const list = [];
      for (const def of agents.definitions.values()) {
        list.push(agentInfo(def, runs, await agents.config.get(def.id), all.paused));
      }
      return { agents: list, allPaused: all.paused };
    },
    'agents.get': async ({ agent, limit }) => {
      const { info: agentView, runs } = await info(agent);
      const recent = runs
        .filter((r) => r.agent === agent)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        .slice(0, limit);
      return { agent: agentView, runs: recent };
    },
    'agents.run': async ({ agent, input }) => {
      const { runId } = await agents.run(agent, 'button', input);
      return { runId };
    },
    'agents.pause': async ({ agent }) => {
      await agents.config.update(agent ?? 'all', { paused: true });
      return pauseState();
    },
    'agents.resume': async ({ agent }) => {
      if (agent) await agents.config.update(agent, { paused: false });
      else for (const id of ['all', ...AGENT_IDS] as const) await agents.config.update(id, { paused: false });
      return pauseState();
    },
    'agents.setAutonomy': async ({ agent, autonomy }) => {
      await agents.config.update(agent, { autonomy });
      return (await info(agent)).info;
    },
    'agents.cancelRun': ({ runId }) => ({ cancelled: agents.cancel(runId) }),
    'agents.runDetail': async ({ runId }) => {
      const [run, steps, proposals] = await Promise.all([
        agents.runs.get(runId),
        agents.runs.steps(runId),
        agents.proposals.forRun(runId),
      ]);
      return { run, steps, proposals };
    },
    'proposals.list': (query) => agents.proposals.list(query),
    'proposals.approve': async ({ ids }) => ({ proposals: await agents.proposals.approve(ids) }),
    'proposals.reject': async ({ ids }) => ({ proposals: await agents.proposals.reject(ids) }),
    'proposals.approveGroup': ({ groupId }) => agents.groups.approve(groupId),
    'proposals.rejectGroup': ({ groupId }) => agents.groups.reject(groupId),
    'proposals.editGroup': ({ groupId, pct }) => agents.groups.edit(groupId, pct),
  };
}
