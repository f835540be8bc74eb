import { useAiStore } from '../../../stores/ai';
import { onEnter } from './AiSection';
import { ErrorRef } from '../../../components/ErrorRef';

interface Props {
  /** What the seller typed; saved with the AI form (never shown or read back once saved). */
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
}

/** What the key panel says: whose key is stored, where, and what to paste. */
export function keyStatusText(key: ReturnType<typeof useAiStore.getState>['key']): string {
  if (key === null) return 'Checking for a stored key…';
  const where =
    key.storedIn === 'keychain'
      ? 'in the system keychain'
      : `in ${key.file ?? 'secrets/secrets.json in the data folder'}, a file only your user can read (not encrypted)`;
  if (key.stored) return `A key${key.savedFor ? ` for ${key.savedFor}` : ''} is stored ${where}.`;
  const server = key.server ?? 'this address';
  if (key.savedFor) {
    return `The stored key is for ${key.savedFor}, so it is not sent to ${server}. Paste the key for ${server}${key.required ? '' : ' (or none, if it needs none)'}.`;
  }
  return key.required ? 'No key stored. This provider needs one.' : 'No key stored. Local providers usually need none.';
}

/** Write-only: the key goes to the core's secret store and is never shown or read back. */
export function ApiKeyField({ value, onChange, onSubmit }: Props) {
  const { key, keyStatus, keyError, clearKey } = useAiStore();
  return (
    <div className="field">
      <label htmlFor="ai-api-key">API key</label>
      <div className="row">
        <input
          id="ai-api-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={key?.stored ? 'Paste a new key to replace the stored one' : 'Paste your key'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onEnter(onSubmit)}
          aria-describedby="ai-api-key-status"
        />
        {key?.savedFor && (
          <button type="button" onClick={() => void clearKey()} disabled={keyStatus === 'busy'}>
            Remove key
          </button>
        )}
      </div>
      <small id="ai-api-key-status" className="muted" data-testid="ai-key-status">
        {keyStatusText(key)}
      </small>
      {keyError && (
        <small className="error" role="alert">
          {keyError.fields?.[0]?.message ?? keyError.message}
          <ErrorRef error={keyError} />
        </small>
      )}
    </div>
  );
}
