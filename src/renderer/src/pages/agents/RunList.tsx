/** An agent's recent runs, newest first; each one opens to its recorded steps. */
import type { AgentId, Run } from '@shared/api';
import { useAgents } from '../../stores/agents';
import { formatUsd, formatWhen, OUTCOME_LABEL, TRIGGER_LABEL } from './format';
import { RunDetail } from './RunDetail';
import { ErrorText } from '../../components/ErrorRef';

export function RunList({ agent, runs }: { agent: AgentId; runs: Run[] }) {
  const open = useAgents((s) => s.openRuns);
  if (runs.length === 0) {
    return <p className="muted">No runs yet. Runs from chat, the schedule and Run now are recorded here.</p>;
  }
  return (
    <ul className="run-list" aria-label="Recent runs">
      {runs.map((run) => (
        <RunRow
          key={run.id}
          agent={agent}
          run={run}
          open={open.includes(run.id)}
          onToggle={() => useAgents.getState().toggleRun(run.id)}
        />
      ))}
    </ul>
  );
}

function RunRow({ agent, run, open, onToggle }: { agent: AgentId; run: Run; open: boolean; onToggle(): void }) {
  const detail = useAgents((s) => s.details[run.id]);
  return (
    <li className={`run-row outcome-${run.outcome}`} data-testid={`run-${run.id}`}>
      <div className="run-line">
        <button type="button" className="link" aria-expanded={open} onClick={onToggle}>
          {open ? '▾' : '▸'} {formatWhen(run.startedAt)}
        </button>
        <span className={`pill pill-${run.outcome}`}>{OUTCOME_LABEL[run.outcome]}</span>
        <span className="muted small">
          {TRIGGER_LABEL[run.trigger]} · {run.proposals} proposal{run.proposals === 1 ? '' : 's'} ·{' '}
          {run.modelCalls > 0 ? `${run.modelCalls} model calls · ${formatUsd(run.costUsd)}` : 'no model calls'}
        </span>
        {run.outcome === 'running' && (
          <button type="button" onClick={() => void useAgents.getState().cancelRun(agent, run.id)}>
            Cancel run
          </button>
        )}
      </div>
      {run.error && !open && <p className="error small">{run.error}</p>}
      {open &&
        (detail === undefined ? (
          <p className="muted">Loading the run…</p>
        ) : 'run' in detail ? (
          <RunDetail detail={detail} />
        ) : (
          <p className="error" role="alert">
            <ErrorText error={detail} />
          </p>
        ))}
    </li>
  );
}
