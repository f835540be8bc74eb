import { useEffect, useState, type FormEvent } from 'react';
import { useSyncStore } from '../../../stores/inventory-sync';
import { ErrorRef } from '../../../components/ErrorRef';
import { PhotoOriginalsField } from './PhotoOriginalsField';

interface CredentialProps {
  name: 'username' | 'password';
  label: string;
  value: string;
  /** A saved credential is never shown; the empty box says one exists and typing replaces it. */
  saved: boolean;
  onChange(value: string): void;
}

function CredentialField({ name, label, value, saved, onChange }: CredentialProps) {
  const id = `sync-${name}`;
  const secret = name === 'password';
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={secret ? 'password' : 'text'}
        // The browser must not fill in or offer to save a password meant for this server.
        autoComplete={secret ? 'new-password' : 'off'}
        value={value}
        placeholder={saved ? 'Saved (type to replace)' : ''}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/**
 * Sync settings: the CouchDB server, credentials (write-only: saved to the secret store and
 * never shown again) and whether sync runs. Its own form, so saving here never touches the
 * other settings the seller may be editing.
 */
export function SyncSection() {
  const { status, saving, saveError, saved, configure } = useSyncStore();
  const [url, setUrl] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [loadedFrom, setLoadedFrom] = useState<string | null>(null);

  useEffect(() => {
    void useSyncStore.getState().load();
  }, []);
  // Start from what is saved, once it arrives (and again after a save).
  const key = status ? `${status.url}|${status.state !== 'off'}` : null;
  if (status && key !== loadedFrom) {
    setLoadedFrom(key);
    setUrl(status.url);
    setEnabled(status.state !== 'off');
  }

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await configure({
      url: url.trim(),
      enabled,
      // Empty boxes keep what is saved; the Forget button clears it.
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
    });
    if (ok) {
      setUsername('');
      setPassword('');
    }
  };
  const forget = async () => {
    await configure({ url: url.trim(), enabled: false, username: '', password: '' });
  };

  const fieldError = (path: string) => saveError?.fields?.find((f) => f.path === path)?.message;
  const urlError = fieldError('url');
  const hasCredentials = status?.hasCredentials ?? false;

  return (
    <form className="sync-section" onSubmit={onSubmit} aria-labelledby="sync-title">
      <fieldset>
        <legend id="sync-title">Sync between your devices (CouchDB)</legend>
        <p className="muted">
          Optional. Your data always stays on this computer; with a CouchDB server (or Cloudant) your other devices get
          the same inventory, chats, agent runs and photos.
        </p>
        <div className="field">
          <label htmlFor="sync-url">Server address</label>
          <input
            id="sync-url"
            type="text"
            value={url}
            placeholder="https://couch.example.com:6984"
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? 'sync-url-error' : undefined}
            onChange={(e) => setUrl(e.target.value)}
          />
          {urlError && (
            <span id="sync-url-error" className="error" role="alert">
              {urlError}
            </span>
          )}
        </div>
        <CredentialField
          name="username"
          label="Username"
          value={username}
          saved={hasCredentials}
          onChange={setUsername}
        />
        <CredentialField
          name="password"
          label="Password"
          value={password}
          saved={hasCredentials}
          onChange={setPassword}
        />
        <div className="field checkbox">
          <label htmlFor="sync-enabled">Sync is on</label>
          <input id="sync-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        </div>
        <PhotoOriginalsField />
        <p data-testid="sync-credentials">
          {hasCredentials ? 'Credentials are saved in the secret store.' : 'No credentials saved.'}
        </p>
        <div className="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save sync settings'}
          </button>
          {hasCredentials && (
            <button type="button" onClick={() => void forget()} disabled={saving}>
              Forget credentials
            </button>
          )}
          <span role="status" data-testid="sync-save-status">
            {saved && !saveError && 'Saved.'}
          </span>
        </div>
        {saveError && !urlError && (
          <p className="error" role="alert">
            {saveError.message}
            {saveError.hint && <span className="hint"> {saveError.hint}</span>}
            <ErrorRef error={saveError} />
          </p>
        )}
        {status && (status.state === 'error' || status.state === 'paused-offline') && status.reason && (
          <p className="error" role="alert" data-testid="sync-status-error">
            {status.reason}
            {status.hint && <span className="hint"> {status.hint}</span>}
          </p>
        )}
      </fieldset>
    </form>
  );
}
