import { useAiStore } from '../../../stores/ai';
import { ErrorText } from '../../../components/ErrorRef';

interface Props {
  /** Saves the form first; false: not saved (the form shows why), so nothing is tested. */
  beforeTest(): Promise<boolean>;
  unsaved: boolean;
}

/** One small real request with the saved settings: where, which model, how fast, or why not. */
export function ConnectionTest({ beforeTest, unsaved }: Props) {
  const { test, testStatus, testError, testConnection } = useAiStore();
  return (
    <div className="field">
      <span className="label">Connection</span>
      <div className="row">
        <button
          type="button"
          onClick={() => void beforeTest().then((saved) => (saved ? testConnection() : undefined))}
          disabled={testStatus === 'busy'}
        >
          {testStatus === 'busy' ? 'Testing…' : 'Test connection'}
        </button>
        {unsaved && <small className="muted">Saves your changes first.</small>}
      </div>
      <div role="status" data-testid="ai-test-result">
        {test?.ok === true && (
          <p className="ok">
            Connected to {test.endpoint}
            {test.proxy ? ` through the proxy ${test.proxy}` : ''}: {test.answeredBy} answered in {test.latencyMs} ms.
          </p>
        )}
        {test?.ok === false && (
          <div className="error" role="alert">
            <p>
              <strong>{test.error.message}</strong>
            </p>
            {test.error.hint && <p>{test.error.hint}</p>}
            <p className="muted">
              Endpoint: {test.endpoint || '(none)'} · model: {test.model}
            </p>
          </div>
        )}
        {testError && (
          <p className="error" role="alert">
            <ErrorText error={testError} />
          </p>
        )}
      </div>
    </div>
  );
}
