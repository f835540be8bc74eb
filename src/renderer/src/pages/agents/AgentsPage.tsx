/**
 * The agents FlipSync runs, each with the status, success rate and spend core computed from
 * the runs it really made. `#/agents?run=<id>` opens that run's steps (linked from Approvals).
 */
import { useEffect } from 'react';
import { useAgents } from '../../stores/agents';
import { AgentCard } from './AgentCard';
import './agents.css';
import { ErrorRef, ErrorText } from '../../components/ErrorRef';

function runFromHash(hash: string): string | null {
  const query = hash.split('?')[1];
  return query ? new URLSearchParams(query).get('run') : null;
}

export function AgentsPage() {
  const { agents, allPaused, loaded, error } = useAgents();
  const allAction = useAgents((s) => s.actions.all);

  useEffect(() => {
    const stop = useAgents.getState().watch();
    void useAgents.getState().load();
    const follow = () => {
      const run = runFromHash(window.location.hash);
      if (run) void useAgents.getState().openRun(run);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => {
      stop();
      window.removeEventListener('hashchange', follow);
    };
  }, []);

  const running = agents.filter((a) => a.status === 'running').length;
  return (
    <section className="agents-page" aria-labelledby="agents-title">
      <header className="agents-toolbar">
        <h1 id="agents-title">Agents</h1>
        <span className="muted small" data-testid="agents-summary">
          {loaded
            ? allPaused
              ? 'All agents are paused: scheduled and new runs wait until you resume.'
              : running > 0
                ? `${running} running now.`
                : 'None running now.'
            : ''}
        </span>
        {allPaused ? (
          <button type="button" disabled={allAction?.busy} onClick={() => void useAgents.getState().resume()}>
            Resume all
          </button>
        ) : (
          <button type="button" disabled={allAction?.busy} onClick={() => void useAgents.getState().pause()}>
            Pause all
          </button>
        )}
      </header>
      {allAction?.error && (
        <p className="error" role="alert">
          {allAction.error.message} {allAction.error.hint} <ErrorRef error={allAction.error} />
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          The agents could not be loaded: <ErrorText error={error} />
        </p>
      )}
      {!loaded && !error && <p className="muted">Loading the agents…</p>}
      <p className="muted small">
        Agents never change your items by themselves unless you allow it: what they would change waits in{' '}
        <a href="#/approvals">Approvals</a>. Status, success rate and spend are computed from the runs below.
      </p>
      <div className="agents-grid">
        {agents.map((agent) => (
          <AgentCard key={agent.id} agent={agent} />
        ))}
      </div>
    </section>
  );
}
