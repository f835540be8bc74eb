import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { useAiStore } from '../../../stores/ai';
import { useSettingsStore } from '../../../stores/settings';
import { AiForm } from './AiForm';
import { PriceTable } from './PriceTable';
import { SpendToday } from './SpendToday';
import './ai-section.css';

/**
 * Settings → AI: the provider form (provider, address, model, key, CA certificate file,
 * budget, one Save, Test connection), then today's spend and the price table.
 */
export function AiSection() {
  const ai = useSettingsStore((s) => s.settings?.ai);
  const typedKey = useState('');
  useEffect(() => {
    void useAiStore.getState().load();
  }, []);
  useEffect(() => api.on('ai.budgetReached', () => void useAiStore.getState().loadUsage()), []);
  // A key counts only for the address it was saved for: a new address changes "stored".
  useEffect(() => api.on('settings.changed', () => void useAiStore.getState().load()), []);
  const settings = useSettingsStore((s) => s.settings);
  if (!ai || !settings) return null;

  return (
    <fieldset className="ai-section">
      <legend>AI</legend>
      <AiForm settings={settings} typedKey={typedKey} />
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
