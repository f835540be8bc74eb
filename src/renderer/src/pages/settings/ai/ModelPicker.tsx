import { useState } from 'react';
import { useAiStore } from '../../../stores/ai';
import { ErrorText } from '../../../components/ErrorRef';

interface Props {
  /** The model in the form now. */
  current: string;
  /** Puts the chosen model in the form (saved with it). */
  onPick(model: string): void;
  /** Saves the form first: the list comes from the saved address. False: not saved, no list. */
  beforeLoad(): Promise<boolean>;
}

/** Picks the model from the endpoint's own list, when it offers one. */
export function ModelPicker({ current, onPick, beforeLoad }: Props) {
  const { models, modelsStatus, modelsError, loadModels } = useAiStore();
  const [choice, setChoice] = useState('');
  const selected = choice || (models?.includes(current) ? current : (models?.[0] ?? ''));

  return (
    <div className="field">
      <span className="label">Models offered by the endpoint</span>
      <div className="row">
        <button
          type="button"
          onClick={() => void beforeLoad().then((saved) => (saved ? loadModels() : undefined))}
          disabled={modelsStatus === 'busy'}
        >
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
            <button type="button" disabled={!selected || selected === current} onClick={() => onPick(selected)}>
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
          <ErrorText error={modelsError} />
        </small>
      )}
    </div>
  );
}
