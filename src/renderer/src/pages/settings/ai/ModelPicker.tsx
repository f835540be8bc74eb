import { useState } from 'react';
import { useAiStore } from '../../../stores/ai';
import { useSettingsStore } from '../../../stores/settings';
import { ErrorRef } from '../../../components/ErrorRef';

/** Picks the model from the endpoint's own list, when it offers one. */
export function ModelPicker() {
  const { models, modelsStatus, modelsError, loadModels } = useAiStore();
  const current = useSettingsStore((s) => s.settings?.ai.model ?? '');
  const [choice, setChoice] = useState('');
  const selected = choice || (models?.includes(current) ? current : (models?.[0] ?? ''));

  return (
    <div className="field">
      <span className="label">Models offered by the endpoint</span>
      <div className="row">
        <button type="button" onClick={() => void loadModels()} disabled={modelsStatus === 'busy'}>
          {modelsStatus === 'busy' ? 'Loading models…' : 'Load models'}
        </button>
        {models && models.length > 0 && (
          <>
            <label htmlFor="ai-model-choice" className="visually-hidden">
              Available models
            </label>
            <select id="ai-model-choice" value={selected} onChange={(e) => setChoice(e.target.value)}>
              {models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!selected || selected === current}
              onClick={() => void useSettingsStore.getState().save({ ai: { model: selected } })}
            >
              Use this model
            </button>
          </>
        )}
      </div>
      {models && models.length === 0 && (
        <small className="muted">This endpoint lists no models; type the model name in the Model field.</small>
      )}
      {modelsError && (
        <small className="error" role="alert">
          {modelsError.message} {modelsError.hint} <ErrorRef error={modelsError} />
        </small>
      )}
    </div>
  );
}
