import { useEffect } from 'react';
import { api } from '../../../api/client';
import { useAiStore } from '../../../stores/ai';
import { ApiKeyField } from './ApiKeyField';
import { ConnectionTest } from './ConnectionTest';
import { ModelPicker } from './ModelPicker';
import { PriceTable } from './PriceTable';
import { SpendToday } from './SpendToday';
import './ai-section.css';

/**
 * The AI provider tools of Settings. Each acts at once (store a key, pick a model, test,
 * save prices); the provider, base URL and CA file above are saved with the form.
 */
export function AiSection() {
  // Runs again whenever the settings form remounts after a save: the provider may have changed.
  useEffect(() => {
    void useAiStore.getState().load();
  }, []);
  useEffect(() => api.on('ai.budgetReached', () => void useAiStore.getState().loadUsage()), []);
  // A key counts only for the address it was saved for: a new address changes "stored".
  useEffect(() => api.on('settings.changed', () => void useAiStore.getState().load()), []);

  return (
    <fieldset className="ai-section">
      <legend>AI provider: key, model, connection and spend</legend>
      <ApiKeyField />
      <ModelPicker />
      <ConnectionTest />
      <SpendToday />
      <PriceTable />
    </fieldset>
  );
}

/** Enter in a field of this section must not submit the surrounding settings form. */
export function onEnter(action: () => void) {
  return (event: React.KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    action();
  };
}
