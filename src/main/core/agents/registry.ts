/**
 * An agent's status as the seller sees it, computed from the runs it actually made and the
 * seller's pause switch. Nothing here is stored: the same runs always give the same answer.
 */
import type { AgentInfo, Run } from '@shared/api/agents';
import type { AgentConfig } from './config';
import type { AgentDefinition } from './definition';

export function agentInfo(def: AgentDefinition, runs: Run[], config: AgentConfig, allPaused: boolean): AgentInfo {
  // Runs arrive oldest first (their ids sort by start time), but a synced run may start
  // earlier than one recorded here, so order by start time explicitly.
  const mine = runs.filter((r) => r.agent === def.id).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const finished = mine.filter((r) => r.outcome === 'succeeded' || r.outcome === 'failed' || r.outcome === 'no-result');
  const succeeded = finished.filter((r) => r.outcome === 'succeeded').length;
  const lastRun = mine.at(-1) ?? null;
  const lastFinished = finished.at(-1) ?? null;
  const paused = config.paused || allPaused;
  const status: AgentInfo['status'] = mine.some((r) => r.outcome === 'running')
    ? 'running'
    : paused
      ? 'paused'
      : lastFinished?.outcome === 'failed' || lastFinished?.outcome === 'no-result'
        ? lastFinished.outcome
        : 'idle';
  let costUsd = 0;
  let costIncomplete = false;
  for (const r of mine) {
    if (r.costUsd === null) costIncomplete = true;
    else costUsd += r.costUsd;
  }
  return {
    id: def.id,
    name: def.name,
    purpose: def.purpose,
    instructions: def.instructions,
    tools: def.tools.map((t) => t.name),
    model: def.model,
    usesModel: !def.direct,
    autonomy: config.autonomy,
    paused,
    status,
    lastRun,
    runs: mine.length,
    successRate: finished.length > 0 ? succeeded / finished.length : null,
    costUsd: Math.round(costUsd * 1e6) / 1e6,
    costIncomplete,
  };
}
