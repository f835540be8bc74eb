import { useAiStore } from '../../../stores/ai';
import { ErrorRef } from '../../../components/ErrorRef';

const usd = (n: number) => `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;

/** Today's recorded spend against the daily budget, from the usage the core recorded. */
export function SpendToday() {
  const { usage, usageError } = useAiStore();
  if (usageError)
    return (
      <p className="error">
        Today's AI spend could not be read: {usageError.message}
        <ErrorRef error={usageError} />
      </p>
    );
  if (!usage) return null;
  return (
    <div className="field" data-testid="ai-spend">
      <span className="label">Spent today ({usage.day})</span>
      <p>
        {usd(usage.spentUsd)} of {usd(usage.budgetUsd)} · {usage.calls} {usage.calls === 1 ? 'call' : 'calls'} ·{' '}
        {usage.promptTokens.toLocaleString()} in / {usage.completionTokens.toLocaleString()} out tokens
      </p>
      {usage.blocked && (
        <p className="error" role="alert">
          The daily budget is used up: AI calls to priced models are paused until tomorrow or until you raise the
          budget.
        </p>
      )}
      {usage.unpricedCalls > 0 && (
        <p className="muted">
          {usage.unpricedCalls} {usage.unpricedCalls === 1 ? 'call' : 'calls'} to {usage.unpricedModels.join(', ')} had
          no price and are not counted against the budget. Add a price below to count them.
        </p>
      )}
    </div>
  );
}
