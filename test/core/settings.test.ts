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

  it('loses nothing saved when a change is rejected', async () => {
    await h.core.dispatch('settings.set', { ai: { dailyBudgetUsd: 12.5 } }, inProcess);
    const bad = await h.core.dispatch('settings.set', { ai: { dailyBudgetUsd: -1, model: 'x' } }, inProcess);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const settings = await get();
    expect(settings.ai.dailyBudgetUsd).toBe(12.5);
    expect(settings.ai.model).toBe(DEFAULT_SETTINGS.ai.model);
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
