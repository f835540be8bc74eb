import { useState } from 'react';
import { useAiStore } from '../../../stores/ai';
import { onEnter } from './AiSection';

/** Write-only: the key goes to the core's secret store and is never shown or read back. */
export function ApiKeyField() {
  const { key, keyStatus, keyError, setKey, clearKey } = useAiStore();
  const [value, setValue] = useState('');
  const save = async () => {
    if (value.trim() && (await setKey(value))) setValue('');
  };

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
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onEnter(() => void save())}
          aria-describedby="ai-api-key-status"
        />
        <button type="button" onClick={() => void save()} disabled={!value.trim() || keyStatus === 'busy'}>
          Save key
        </button>
        {key?.stored && (
          <button type="button" onClick={() => void clearKey()} disabled={keyStatus === 'busy'}>
            Remove key
          </button>
        )}
      </div>
      <small id="ai-api-key-status" className="muted" data-testid="ai-key-status">
        {key === null
          ? 'Checking for a stored key…'
          : key.stored
            ? 'A key is stored in the system keychain.'
            : key.required
              ? 'No key stored. This provider needs one.'
              : 'No key stored. Local providers usually need none.'}
      </small>
      {keyError && (
        <small className="error" role="alert">
          {keyError.fields?.[0]?.message ?? keyError.message}
        </small>
      )}
    </div>
  );
}
