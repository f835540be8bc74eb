/** One agent: its status computed from its runs, what it costs, and what the seller can do with it. */
import { useState } from 'react';
import type { AgentInfo } from '@shared/api';
import { useAgents } from '../../stores/agents';
import { AutonomyForm } from './AutonomyForm';
import { formatPct, formatUsd, formatWhen, OUTCOME_LABEL, TRIGGER_LABEL } from './format';
import { RunList } from './RunList';
import { ErrorRef } from '../../components/ErrorRef';

const STATUS_LABEL = {
  idle: 'Idle',
  running: 'Running',
  failed: 'Last run failed',
  'no-result': 'Last run had no result',
  paused: 'Paused',
} as const;
/** Agents whose work ends in proposals; the others only answer, so autonomy means nothing for them. */
const PROPOSES = new Set(['health', 'pricing', 'listing', 'shipping']);

export function AgentCard({ agent }: { agent: AgentInfo }) {
  const runs = useAgents((s) => s.runs[agent.id]);
  const action = useAgents((s) => s.actions[agent.id]);
  const [task, setTask] = useState('');
  const store = useAgents.getState();
  const last = agent.lastRun;

  return (
    <article
      className={`agent-card status-${agent.status}`}
      aria-labelledby={`agent-${agent.id}`}
      data-testid={`agent-${agent.id}`}
    >
      <header className="agent-head">
        <h2 id={`agent-${agent.id}`}>{agent.name}</h2>
        <span className={`pill pill-${agent.status}`} data-testid={`agent-status-${agent.id}`}>
          {STATUS_LABEL[agent.status]}
        </span>
      </header>
      <p>{agent.purpose}</p>
      <p className="muted small">
        {agent.usesModel
          ? `Model: ${agent.model ?? 'the one in Settings → AI'}${agent.tools.length ? ` · tools: ${agent.tools.join(', ')}` : ''}`
          : 'Rule-based: no model, no AI cost.'}
      </p>

      <dl className="agent-figures">
        <div>
          <dt>Last run</dt>
          <dd data-testid={`agent-last-${agent.id}`}>
            {last
              ? `${OUTCOME_LABEL[last.outcome]}, ${formatWhen(last.startedAt)} (${TRIGGER_LABEL[last.trigger]})`
              : 'Never run'}
          </dd>
        </div>
        <div>
          <dt>Success rate</dt>
          <dd data-testid={`agent-success-${agent.id}`}>{formatPct(agent.successRate)}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd data-testid={`agent-runs-${agent.id}`}>{agent.runs}</dd>
        </div>
        <div>
          <dt>Spend</dt>
          <dd data-testid={`agent-spend-${agent.id}`}>
            {formatUsd(agent.costUsd)}
            {agent.costIncomplete ? ' + unpriced calls' : ''}
          </dd>
        </div>
      </dl>
      {(last?.outcome === 'failed' || last?.outcome === 'no-result') && last.error && (
        <p className="error small">
          Last error: {last.error}
          {/* A run that failed for want of a provider or key: the way to fix it, one click away. */}
          {/API key|AI provider|base URL|Settings → AI/i.test(last.error) && (
            <>
              {' '}
              <a href="#/settings?section=ai">Open AI settings</a>
            </>
          )}
        </p>
      )}

      <div className="agent-actions">
        {agent.id === 'assistant' ? (
          <a href="#/chat">Talk to it in Chat</a>
        ) : (
          <form
            className="run-now"
            onSubmit={(e) => {
              e.preventDefault();
              void store.run(agent.id, task);
            }}
          >
            {agent.usesModel && (
              <input
                type="text"
                value={task}
                onChange={(e) => setTask(e.target.value)}
                placeholder="Task (empty: its usual task)"
                aria-label={`Task for ${agent.name}`}
                maxLength={4000}
              />
            )}
            <button type="submit" disabled={agent.paused || action?.busy}>
              Run now
            </button>
          </form>
        )}
        {agent.paused ? (
          <button type="button" disabled={action?.busy} onClick={() => void store.resume(agent.id)}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={action?.busy} onClick={() => void store.pause(agent.id)}>
            Pause
          </button>
        )}
      </div>
      {action?.error && (
        <p className="error small" role="alert">
          {action.error.message} {action.error.hint} <ErrorRef error={action.error} />
        </p>
      )}
      {action?.note && <p className="muted small">{action.note}</p>}

      {PROPOSES.has(agent.id) && <AutonomyForm key={JSON.stringify(agent.autonomy)} agent={agent} />}

      <button
        type="button"
        className="link"
        aria-expanded={runs !== undefined}
        onClick={() => (runs ? store.closeRuns(agent.id) : void store.loadRuns(agent.id))}
      >
        {runs ? 'Hide recent runs' : `Show recent runs (${agent.runs})`}
      </button>
      {runs && <RunList agent={agent.id} runs={runs} />}
    </article>
  );
}
