import { useState, type FormEvent } from 'react';
import { SettingsSchema, type AiPreset, type ApiError, type Settings, type SettingsPatch } from '@shared/api';
import { visionByDefault } from '@shared/domain/vision';
import { api } from '../../../api/client';
import { useAiStore } from '../../../stores/ai';
import { useSettingsStore } from '../../../stores/settings';
import { SettingsField } from '../SettingsField';
import { AI_SECTION, aiField, draftFrom, fieldId, patchFrom, type Draft } from '../fields';
import { ApiKeyField } from './ApiKeyField';
import { ConnectionTest } from './ConnectionTest';
import { ModelPicker } from './ModelPicker';
import { ErrorRef } from '../../../components/ErrorRef';

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The AI provider as one form, filled in top to bottom: provider, address, model, key, CA
 * certificate file, budget; one Save, then Test connection (which saves first). Its own save
 * state, so an AI mistake never shows up under the other settings.
 */
interface Props {
  settings: Settings;
  /** The key being typed, held by the section: a save elsewhere remounts this form, not it. */
  typedKey: [string, (key: string) => void];
}

export function AiForm({ settings, typedKey: [key, setKey] }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings, AI_SECTION));
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  // Starts over from the saved values whenever they change (this save, another window or
  // device), adjusting during render as React advises; the save state stays, so "Saved." shows.
  const savedAi = JSON.stringify(settings.ai);
  const [shownFor, setShownFor] = useState(savedAi);
  if (shownFor !== savedAi) {
    setShownFor(savedAi);
    setDraft(draftFrom(settings, AI_SECTION));
  }

  const patch = patchFrom(settings, draft, AI_SECTION) as SettingsPatch;
  const dirty = Object.keys(patch).length > 0 || key.trim() !== '';
  const fieldErrors = new Map((error?.fields ?? []).map((f) => [f.path, f.message]));

  /** Settings first, so a new key is tied to the address just saved. False: shown, not saved. */
  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    setState('saving');
    setError(null);
    if (Object.keys(patch).length > 0) {
      const result = await api.call('settings.set', patch);
      const saved = result.ok ? SettingsSchema.safeParse(result.data) : null;
      if (!result.ok || !saved?.success) {
        setState('failed');
        setError(
          result.ok ? { code: 'INTERNAL', message: 'Settings came back in an unexpected shape.' } : result.error,
        );
        return false;
      }
      useSettingsStore.getState().receive(saved.data);
    }
    if (key.trim()) {
      if (!(await useAiStore.getState().setKey(key))) {
        setState('failed');
        return false;
      }
      setKey('');
    }
    setState('saved');
    return true;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };
  const field = (name: string) => {
    const def = aiField(name);
    return (
      <SettingsField
        field={def}
        value={draft[fieldId(def)] ?? ''}
        error={fieldErrors.get(fieldId(def))}
        onChange={(value) => {
          setDraft({ ...draft, [fieldId(def)]: value });
          setState('idle');
        }}
      />
    );
  };

  return (
    <form className="ai-form" onSubmit={onSubmit} aria-labelledby="ai-form-title">
      <h2 id="ai-form-title">AI provider</h2>
      {field('preset')}
      {field('baseUrl')}
      {field('model')}
      <ModelPicker
        current={String(draft['ai.model'] ?? '')}
        onPick={(model) => setDraft({ ...draft, 'ai.model': model })}
        beforeLoad={save}
      />
      {field('vision')}
      <VisionNote preset={draft['ai.preset'] as AiPreset} model={String(draft['ai.model'] ?? '')} />
      <ApiKeyField value={key} onChange={setKey} onSubmit={() => void save()} />
      {field('caFile')}
      {field('dailyBudgetUsd')}
      <div className="actions">
        <button type="submit" disabled={!dirty || state === 'saving'}>
          {state === 'saving' ? 'Saving…' : 'Save AI settings'}
        </button>
        <button
          type="button"
          disabled={!dirty}
          onClick={() => {
            setDraft(draftFrom(settings, AI_SECTION));
            setKey('');
            setError(null);
          }}
        >
          Discard changes
        </button>
        <span role="status" data-testid="ai-save-status">
          {state === 'saved' && !dirty && 'Saved.'}
          {state === 'failed' && error && (
            <span className="error">
              Not saved: {error.message}
              <ErrorRef error={error} />
            </span>
          )}
        </span>
      </div>
      <ConnectionTest beforeTest={save} unsaved={dirty} />
    </form>
  );
}

/** What "Automatic" means for the provider and model being typed, and what leaves the machine. */
function VisionNote({ preset, model }: { preset: AiPreset; model: string }) {
  const auto = visionByDefault(preset, model);
  return (
    <small className="muted" data-testid="ai-vision-note">
      Automatic means {auto ? 'yes' : 'no'} for {model.trim() || 'this model'}
      {auto ? '' : ' (local and custom models: tick Yes if yours reads images)'}. With images on, the listing writer
      sends up to 4 photos of an item, resized to 1024 px JPEG; the originals stay on this computer.
    </small>
  );
}
