import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/api';
import { inProcess, startCore } from '../support/core';
import { tempDir } from '../support/temp-dir';

describe('settings', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  const get = async (c = core) => {
    const result = await c.dispatch('settings.get', undefined, inProcess);
    if (!result.ok) throw new Error(result.error.message);
    return result.data as Settings;
  };

  it('starts from the defaults on a new data folder', async () => {
    expect(await get()).toEqual(DEFAULT_SETTINGS);
  });

  it('changes only the fields in the patch, and keeps them across a restart', async () => {
    const set = await core.dispatch(
      'settings.set',
      { ai: { model: 'llama3.1' }, general: { currency: 'GBP' } },
      inProcess,
    );
    expect(set.ok).toBe(true);
    await core.dispatch('settings.set', { inventory: { staleListingDays: 45 } }, inProcess);

    await core.close();
    core = await startCore(dir.path);
    const settings = await get();
    expect(settings.ai).toEqual({ ...DEFAULT_SETTINGS.ai, model: 'llama3.1' });
    expect(settings.general.currency).toBe('GBP');
    expect(settings.inventory.staleListingDays).toBe(45);
    expect(settings.inventory.targetMarginPct).toBe(DEFAULT_SETTINGS.inventory.targetMarginPct);
  });

  it('loses nothing saved when a change is rejected', async () => {
    await core.dispatch('settings.set', { ai: { dailyBudgetUsd: 12.5 } }, inProcess);
    const bad = await core.dispatch('settings.set', { ai: { dailyBudgetUsd: -1, model: 'x' } }, inProcess);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const settings = await get();
    expect(settings.ai.dailyBudgetUsd).toBe(12.5);
    expect(settings.ai.model).toBe(DEFAULT_SETTINGS.ai.model);
  });

  it('applies quick successive changes in order without a revision conflict', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => core.dispatch('settings.set', { inventory: { lowStockThreshold: n } }, inProcess)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await get()).inventory.lowStockThreshold).toBe(5);
  });

  it('announces each saved change on the event bus', async () => {
    const seen: Settings[] = [];
    core.events.on('settings.changed', (s) => seen.push(s));
    await core.dispatch('settings.set', { general: { theme: 'dark' } }, inProcess);
    expect(seen.map((s) => s.general.theme)).toEqual(['dark']);
  });
});
