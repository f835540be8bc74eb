import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/core/errors';
import { createRouter, type Handlers } from '../../src/main/core/router';
import { DEFAULT_SETTINGS } from '../../src/shared/api';
import { coreForEachTest, inProcess } from '../support/core';

describe('router', () => {
  const h = coreForEachTest();

  it('rejects an unknown route by name', async () => {
    const result = await h.core.dispatch('settings.drop', {}, inProcess);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
    if (!result.ok) expect(result.error.message).toContain('settings.drop');
  });

  it('names the bad field of a malformed input and runs no handler', async () => {
    const result = await h.core.dispatch('settings.set', { ai: { dailyBudgetUsd: 'lots' } }, inProcess);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    // In words for the seller; the exact path stays in `fields` for the form.
    expect(result.error.message).toMatch(/^Check this value: Daily budget \(USD\): /);
    expect(result.error.message).not.toContain('settings.set');
    expect(result.error.fields?.map((f) => f.path)).toEqual(['ai.dailyBudgetUsd']);
    expect(await h.core.dispatch('settings.get', {}, inProcess)).toEqual({ ok: true, data: DEFAULT_SETTINGS });
  });

  it('rejects unknown fields instead of ignoring them', async () => {
    const result = await h.core.dispatch('settings.set', { ai: { apiKey: 'sk-secret' } }, inProcess);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) {
      expect(result.error.message).toContain('apiKey');
      // The rejected value itself is never echoed back.
      expect(JSON.stringify(result)).not.toContain('sk-secret');
    }
  });

  it('turns what a handler throws into the envelope, never a throw', async () => {
    // Only the three routes called below; the rest of the contract is not exercised here.
    const handlers = {
      'app.info': () => {
        throw new Error('disk on fire at /home/seller/secret-path');
      },
      'settings.get': () => {
        throw new AppError('NOT_FOUND', 'No settings here.', 'Create some.');
      },
      // Answering outside the contract is a bug the router catches.
      'settings.set': () => ({ nonsense: true }) as never,
    } as Partial<Handlers> as Handlers;
    const dispatch = createRouter(handlers);
    const internal = await dispatch('app.info', {}, inProcess);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret-path');
    expect(await dispatch('settings.get', {}, inProcess)).toEqual({
      ok: false,
      // The reference is new each time; the log line about this failure carries it too.
      error: {
        code: 'NOT_FOUND',
        message: 'No settings here.',
        hint: 'Create some.',
        id: expect.stringMatching(/^[0-9a-f]{8}$/),
      },
    });
    expect(await dispatch('settings.set', {}, inProcess)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
