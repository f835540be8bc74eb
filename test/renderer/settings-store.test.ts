import { afterEach, describe, expect, it } from 'vitest';
import { fail, ok } from '../../src/shared/api';
import { setTransport, type Transport } from '../../src/renderer/src/api/transport';
import { useSettingsStore } from '../../src/renderer/src/stores/settings';
import { DEFAULT_SETTINGS } from '../../src/shared/api';

/** A transport answering from a fixed table: here the point is what the store does with answers. */
function answering(answers: Record<string, unknown>): Transport {
  return {
    kind: 'test',
    call: async (route) => answers[route] as never,
    on: () => () => undefined,
    onState: () => () => undefined,
  };
}

describe('settings store', () => {
  afterEach(() => {
    setTransport(null);
    useSettingsStore.setState({ settings: null, loadError: null, saveState: 'idle', saveError: null });
  });

  it('keeps settings that parse', async () => {
    setTransport(answering({ 'settings.get': ok(DEFAULT_SETTINGS) }));
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState().settings).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses settings of the wrong shape instead of rendering them', async () => {
    setTransport(answering({ 'settings.get': ok({ general: { currency: 42 } }) }));
    await useSettingsStore.getState().load();
    expect(useSettingsStore.getState().settings).toBeNull();
    expect(useSettingsStore.getState().loadError?.message).toMatch(/unexpected shape/);
  });

  it('keeps the saved settings and reports the error when a save fails', async () => {
    setTransport(answering({ 'settings.get': ok(DEFAULT_SETTINGS), 'settings.set': fail('INVALID_INPUT', 'bad') }));
    await useSettingsStore.getState().load();
    expect(await useSettingsStore.getState().save({ ai: { model: '' } })).toBe(false);
    expect(useSettingsStore.getState().settings).toEqual(DEFAULT_SETTINGS);
    expect(useSettingsStore.getState().saveError?.message).toBe('bad');
  });

  it('ignores pushed settings that do not parse', () => {
    useSettingsStore.getState().receive(DEFAULT_SETTINGS);
    useSettingsStore.getState().receive({ nonsense: true });
    expect(useSettingsStore.getState().settings).toEqual(DEFAULT_SETTINGS);
  });
});
