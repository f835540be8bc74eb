import { useEffect, useState, type FormEvent } from 'react';
import type { Settings, SettingsPatch } from '@shared/api';
import { useSettingsStore } from '../../stores/settings';
import { KeychainWarning } from './KeychainWarning';
import { AboutSection } from './AboutSection';
import { SettingsField } from './SettingsField';
import { AiSection } from './ai/AiSection';
import { BackupSection } from './backup/BackupSection';
import { EbaySection } from './ebay/EbaySection';
import { SyncSection } from './sync/SyncSection';
import { draftFrom, fieldId, patchFrom, SECTIONS, type Draft } from './fields';
import { ErrorRef } from '../../components/ErrorRef';

/** The field a link to a section lands on (#/settings?section=ai). */
const SECTION_TARGETS: Record<string, string> = { ai: 'ai-api-key', sync: 'sync-url', ebay: 'ebay-environment' };

/** Scrolls to the section the address names and puts focus in it, on arrival and on each link. */
function useSectionFromHash(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const go = () => {
      const section = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('section');
      const target = section ? document.getElementById(SECTION_TARGETS[section] ?? '') : null;
      if (!target) return;
      target.scrollIntoView?.({ block: 'center' });
      target.focus();
    };
    go();
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, [ready]);
}

export function SettingsPage() {
  const { settings, loadError } = useSettingsStore();
  useSectionFromHash(settings !== null);
  if (loadError) {
    return (
      <section>
        <h1>Settings</h1>
        <p className="error" role="alert">
          Settings could not be loaded: {loadError.message} <ErrorRef error={loadError} />
        </p>
      </section>
    );
  }
  if (!settings) return <p aria-busy="true">Loading settings…</p>;
  // The form is keyed by what it shows as saved, so it starts over from the saved values
  // whenever they change. The AI and sync sections have their own forms, so a save there
  // never wipes what the seller is typing here.
  return (
    <div className="settings-page">
      <KeychainWarning />
      <SettingsForm key={JSON.stringify(draftFrom(settings))} settings={settings} />
      <AiSection />
      <SyncSection />
      <EbaySection />
      <BackupSection />
      <AboutSection />
    </div>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const { saveState, saveError, save } = useSettingsStore();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings));

  const patch = patchFrom(settings, draft);
  const dirty = Object.keys(patch).length > 0;
  const fieldErrors = new Map((saveError?.fields ?? []).map((f) => [f.path, f.message]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The core validates; what it rejects comes back naming each bad field.
    if (dirty) void save(patch as SettingsPatch);
  };

  return (
    <form className="settings" onSubmit={onSubmit} aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {SECTIONS.map(({ section, title, fields }) => (
        <fieldset key={section}>
          <legend>{title}</legend>
          {fields.map((field) => (
            <SettingsField
              key={fieldId(field)}
              field={field}
              value={draft[fieldId(field)] ?? ''}
              error={fieldErrors.get(fieldId(field))}
              onChange={(value) => setDraft({ ...draft, [fieldId(field)]: value })}
            />
          ))}
        </fieldset>
      ))}
      <div className="actions">
        <button type="submit" disabled={!dirty || saveState === 'saving'}>
          {saveState === 'saving' ? 'Saving…' : 'Save settings'}
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft(draftFrom(settings))}>
          Discard changes
        </button>
        <span role="status" data-testid="save-status">
          {saveState === 'saved' && !dirty && 'Saved.'}
          {saveState === 'failed' && saveError && (
            <span className="error">
              Not saved: {saveError.message} <ErrorRef error={saveError} />
            </span>
          )}
        </span>
      </div>
    </form>
  );
}
