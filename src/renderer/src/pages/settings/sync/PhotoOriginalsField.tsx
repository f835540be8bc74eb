import { useEffect } from 'react';
import type { Settings } from '@shared/api';
import { useSettingsStore } from '../../../stores/settings';

type Choice = Settings['sync']['photoOriginals'];

const CHOICES: { value: Choice; label: string }[] = [
  { value: 'all', label: 'All photos, in full' },
  { value: 'on-demand', label: 'When I open a photo' },
  { value: 'never', label: 'Never (thumbnails only; originals stay on the device that added them)' },
];

/**
 * Which photo originals sync brings to this device. Thumbnails always come; saved at once,
 * and sync restarts with the new choice.
 */
export function PhotoOriginalsField() {
  const choice = useSettingsStore((s) => s.settings?.sync.photoOriginals);
  const saveError = useSettingsStore((s) => s.saveError);
  useEffect(() => {
    if (!useSettingsStore.getState().settings) void useSettingsStore.getState().load();
  }, []);
  return (
    <div className="field">
      <label htmlFor="sync-photo-originals">Photo originals on this device</label>
      <select
        id="sync-photo-originals"
        value={choice ?? 'all'}
        disabled={!choice}
        aria-describedby="sync-photo-originals-hint"
        onChange={(e) => void useSettingsStore.getState().save({ sync: { photoOriginals: e.target.value as Choice } })}
      >
        {CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
      <span id="sync-photo-originals-hint" className="hint">
        Thumbnails always sync, in their own stream, so photos never slow item changes down.
      </span>
      {saveError?.fields?.some((f) => f.path.startsWith('sync')) && (
        <span className="error" role="alert">
          {saveError.message}
        </span>
      )}
    </div>
  );
}
