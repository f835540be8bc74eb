import { ErrorRef, ErrorText } from '../../components/ErrorRef';
import { useAppInfoStore } from '../../stores/app-info';
import { useDiagnostics } from '../../stores/diagnostics';

/** Version, where the data and the log are, and a copy of the diagnostics for a support request. */
export function AboutSection() {
  const { info, error } = useAppInfoStore();
  const { state, error: copyError, copy } = useDiagnostics();
  return (
    <section className="settings about" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      {error && (
        <p className="error" role="alert">
          {error.message} <ErrorRef error={error} />
        </p>
      )}
      <dl>
        <dt>Version</dt>
        <dd>{info ? `${info.version} (${info.shell === 'electron' ? 'desktop app' : 'browser mode'})` : '…'}</dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info?.dataDir ?? '…'}</code>
        </dd>
        <dt>Log folder</dt>
        <dd>
          <code>{info?.logDir ?? '…'}</code>
        </dd>
      </dl>
      <p className="hint">One log file a day, kept for a week. Keys, passwords and tokens are never written to it.</p>
      <div className="actions">
        <button type="button" onClick={() => void copy()} disabled={state === 'busy'}>
          Copy diagnostics
        </button>
        <span role="status">{state === 'copied' && 'Copied'}</span>
      </div>
      {state === 'failed' && copyError && (
        <p className="error" role="alert">
          <ErrorText error={copyError} />
        </p>
      )}
    </section>
  );
}
