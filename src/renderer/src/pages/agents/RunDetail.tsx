/** One run as core recorded it: what it was asked, every step, what it proposed, how it ended. */
import type { Proposal, Run, Step } from '@shared/api';
import type { RunDetail as Detail } from '../../stores/agents';
import { formatDuration, formatUsd, formatWhen, OUTCOME_LABEL, prettyJson, TRIGGER_LABEL } from './format';

export function RunDetail({ detail }: { detail: Detail }) {
  const { run, steps, proposals } = detail;
  return (
    <div className="run-detail" data-testid={`run-detail-${run.id}`}>
      <RunFacts run={run} />
      {run.error && (
        <p className="error" role="alert">
          {run.error}
        </p>
      )}
      {run.output && (
        <div className="run-output">
          <h4>Answer</h4>
          <p>{run.output}</p>
        </div>
      )}
      <h4>Steps ({steps.length})</h4>
      {steps.length === 0 ? (
        <p className="muted">{run.outcome === 'running' ? 'No steps recorded yet.' : 'This run recorded no steps.'}</p>
      ) : (
        <ol className="run-steps">
          {steps.map((step) => (
            <li key={step.id} className={`step step-${step.kind}`}>
              <StepView step={step} />
            </li>
          ))}
        </ol>
      )}
      <RunProposals proposals={proposals} />
    </div>
  );
}

function RunFacts({ run }: { run: Run }) {
  const tokens = run.usage.promptTokens + run.usage.completionTokens;
  return (
    <dl className="run-facts">
      <dt>Outcome</dt>
      <dd data-testid="run-outcome">{OUTCOME_LABEL[run.outcome]}</dd>
      <dt>Trigger</dt>
      <dd>{TRIGGER_LABEL[run.trigger]}</dd>
      <dt>Task</dt>
      <dd>{run.input}</dd>
      <dt>Started</dt>
      <dd>{formatWhen(run.startedAt)}</dd>
      <dt>Took</dt>
      <dd>{formatDuration(run.startedAt, run.finishedAt)}</dd>
      <dt>Model calls</dt>
      <dd>{run.modelCalls}</dd>
      <dt>Tool calls</dt>
      <dd>{run.toolCalls}</dd>
      <dt>Tokens</dt>
      <dd>{tokens === 0 ? 'none' : `${run.usage.promptTokens} in, ${run.usage.completionTokens} out`}</dd>
      <dt>Cost</dt>
      <dd>{run.costUsd === null ? 'unknown (a model without a price in Settings → AI)' : formatUsd(run.costUsd)}</dd>
      <dt>Proposals</dt>
      <dd>{run.proposals}</dd>
      {run.answeredBy && run.answeredBy !== run.agent && (
        <>
          <dt>Answered by</dt>
          <dd>{run.answeredBy}</dd>
        </>
      )}
      {run.parentRunId && (
        <>
          <dt>Handed over by</dt>
          <dd>
            <code>{run.parentRunId}</code>
          </dd>
        </>
      )}
    </dl>
  );
}

function StepView({ step }: { step: Step }) {
  const at = new Date(step.at).toLocaleTimeString();
  if (step.kind === 'note') {
    return (
      <p>
        <span className="step-kind">Note</span> <span className="muted small">{at}</span> {step.text}
      </p>
    );
  }
  if (step.kind === 'model') {
    return (
      <details>
        <summary>
          <span className="step-kind">Model</span> {step.model} · {step.latencyMs} ms
          {step.usage ? ` · ${step.usage.promptTokens}+${step.usage.completionTokens} tokens` : ''}
          {step.costUsd !== null ? ` · ${formatUsd(step.costUsd)}` : ''}
          {step.toolCalls.length > 0 ? ` · asked for ${step.toolCalls.map((c) => c.name).join(', ')}` : ''}
        </summary>
        {step.content && <p className="step-content">{step.content}</p>}
        {step.toolCalls.map((c) => (
          <div key={c.id}>
            <div className="muted small">Tool call {c.name}</div>
            <pre>{prettyJson(c.arguments)}</pre>
          </div>
        ))}
      </details>
    );
  }
  return (
    <details>
      <summary>
        <span className="step-kind">Tool</span> {step.name}{' '}
        <span className={step.ok ? 'ok' : 'error'}>{step.ok ? 'ok' : 'failed'}</span>
      </summary>
      <div className="muted small">Arguments</div>
      <pre>{prettyJson(step.arguments)}</pre>
      <div className="muted small">Result</div>
      <pre>{prettyJson(step.result)}</pre>
    </details>
  );
}

function RunProposals({ proposals }: { proposals: Proposal[] }) {
  if (proposals.length === 0) return null;
  return (
    <>
      <h4>Proposals from this run</h4>
      <ul className="run-proposals">
        {proposals.map((p) => (
          <li key={p.id}>
            {p.summary} — <span className={`pill pill-${p.status}`}>{p.status}</span>
            {p.result && <span className="muted small"> {p.result}</span>}
          </li>
        ))}
      </ul>
      {proposals.some((p) => p.status === 'pending') && <a href="#/approvals">Decide them in Approvals</a>}
    </>
  );
}
