import { openDatabase } from '../../src/main/core/db/open';
import { EventBus } from '../../src/main/core/events';
import { SettingsStore } from '../../src/main/core/settings/store';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/api';
import { coreForEachTest, inProcess, startCore } from '../support/core';

describe('settings', () => {
  const h = coreForEachTest();

  const get = async (c = h.core) => {
    const result = await c.dispatch('settings.get', undefined, inProcess);
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Settings;
  };

  it('starts from the defaults on a new data folder', async () => {
    expect(await get()).toEqual(DEFAULT_SETTINGS);
  });

  it('changes only the fields in the patch, and keeps them across a restart', async () => {
    const set = await h.core.dispatch(
      'settings.set',
      { ai: { model: 'llama3.1' }, general: { currency: 'GBP' } },
      inProcess,
    );
    expect(set.ok).toBe(true);
    await h.core.dispatch('settings.set', { inventory: { staleListingDays: 45 } }, inProcess);

    await h.core.close();
    h.core = await startCore(h.dir);
    const settings = await get();
    expect(settings.ai).toEqual({ ...DEFAULT_SETTINGS.ai, model: 'llama3.1' });
    expect(settings.general.currency).toBe('GBP');
    expect(settings.inventory.staleListingDays).toBe(45);
    expect(settings.inventory.targetMarginPct).toBe(DEFAULT_SETTINGS.inventory.targetMarginPct);
  });

  it('gives each reader its own copy: one that edits what it read changes nothing for the next', async () => {
    await h.core.close();
    const local = await openDatabase(h.dir, 'local');
    try {
      const store = new SettingsStore(local, new EventBus());
      const first = await store.get();
      first.ai.model = 'edited-in-memory';
      first.general.currency = 'XXX';
      expect(await store.get()).toEqual(DEFAULT_SETTINGS);
      await store.set({ general: { currency: 'EUR' } });
      expect((await store.get()).general.currency).toBe('EUR');
      expect((await new SettingsStore(local, new EventBus()).get()).general.currency).toBe('EUR');
    } finally {
      await local.close();
    }
    h.core = await startCore(h.dir);
  });

  it('keeps an AI address saved before the stricter rules, instead of resetting the AI settings', async () => {
    await h.core.close();
    const local = await openDatabase(h.dir, 'local');
    const ai = { ...DEFAULT_SETTINGS.ai, preset: 'custom', baseUrl: 'http://models.example.com/v1', model: 'm' };
    await local.put({ _id: 'settings', settings: { ...DEFAULT_SETTINGS, ai } });
    await local.close();
    h.core = await startCore(h.dir);
    expect((await get()).ai).toEqual(ai);
  });

  it('loses nothing saved when a change is rejected', async () => {
    await h.core.dispatch('settings.set', { ai: { dailyBudgetUsd: 12.5 } }, inProcess);
    const bad = await h.core.dispatch('settings.set', { ai: { dailyBudgetUsd: -1, model: 'x' } }, inProcess);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const settings = await get();
    expect(settings.ai.dailyBudgetUsd).toBe(12.5);
    expect(settings.ai.model).toBe(DEFAULT_SETTINGS.ai.model);
  });

  it('refuses server addresses that are not addresses, or would expose a key or password, with words to fix them', async () => {
    const refused = async (route: 'settings.set' | 'sync.configure', input: unknown) => {
      const result = await h.core.dispatch(route, input, inProcess);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      return (result as { error: { code: string; fields?: { message: string }[] } }).error;
    };
    // No scheme: once crashed the whole core (the check read the address as a URL anyway).
    for (const url of ['couch.mystore.com', 'not a url']) {
      const error = await refused('sync.configure', { url, enabled: true });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.fields?.[0]?.message).toBe('Use the server address, such as https://couch.example.com:6984.');
    }
    const ai = async (baseUrl: string) =>
      (await refused('settings.set', { ai: { baseUrl } })).fields?.map((f) => f.message);
    expect(await ai('api.openai.com/v1')).toEqual([expect.stringMatching(/^Use an http:\/\/ or https:\/\/ address/)]);
    expect(await ai('http://models.example.com/v1')).toEqual([
      expect.stringMatching(/^Use https:\/\/ for models.example.com/),
    ]);
    expect(await ai('https://me:pw@api.example.com/v1')).toEqual([expect.stringMatching(/username and password out/)]);
    expect(await ai('https://api.example.com/v1?key=abc')).toEqual([
      expect.stringMatching(/\?query and #fragment out/),
    ]);
    // Servers on this machine or the home network may use plain http.
    for (const baseUrl of [
      'http://127.0.0.1:11434/v1',
      'http://192.168.1.20:1234/v1',
      'http://studio.local:1234/v1',
      'http://gpu-box:8000/v1',
      'http://100.101.2.3:11434/v1',
      'http://[fd00::5]:1234/v1',
      'http://host.docker.internal:11434/v1',
    ]) {
      expect((await h.core.dispatch('settings.set', { ai: { baseUrl } }, inProcess)).ok, baseUrl).toBe(true);
    }
    expect((await h.core.dispatch('app.info', {}, inProcess)).ok).toBe(true);
  });

  it('applies quick successive changes in order without a revision conflict', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => h.core.dispatch('settings.set', { inventory: { lowStockThreshold: n } }, inProcess)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await get()).inventory.lowStockThreshold).toBe(5);
  });

  it('announces each saved change on the event bus', async () => {
    const seen: Settings[] = [];
    h.core.events.on('settings.changed', (s) => seen.push(s));
    await h.core.dispatch('settings.set', { general: { theme: 'dark' } }, inProcess);
    expect(seen.map((s) => s.general.theme)).toEqual(['dark']);
  });
});
