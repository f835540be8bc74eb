import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { openDatabase } from '../../../src/main/core/db/open';
import { errors, startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { inProcess, startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';

describe('ai.* routes on a real core', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let server: OpenAiServer;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
    server = await startOpenAiServer({ models: ['gpt-4o-mini', 'gpt-4o', 'o4-mini'] });
  });
  afterEach(async () => {
    await core.close();
    await server.close();
    await dir.remove();
  });

  const call = async (route: string, input?: unknown) => core.dispatch(route, input, inProcess);
  const data = async (route: string, input?: unknown) => {
    const result = await call(route, input);
    if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
    return result.data as Record<string, unknown>;
  };

  it('stores the key write-only and reports only whether one is stored', async () => {
    expect(await data('ai.keyStatus')).toMatchObject({ stored: false, required: true });
    expect(await data('ai.setKey', { key: '  sk-abc-1234567890  ' })).toMatchObject({ stored: true, required: true });
    expect(await core.platform.secrets.get('ai.apiKey')).toBe('sk-abc-1234567890');
    expect(await data('ai.clearKey')).toMatchObject({ stored: false, required: true });
    await call('settings.set', { ai: { preset: 'ollama' } });
    expect(await data('ai.keyStatus')).toMatchObject({ stored: false, required: false });
  });

  it('sends the key only to the address it was saved for', async () => {
    const other = await startOpenAiServer();
    try {
      await call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
      await data('ai.setKey', { key: 'sk-bound-1234567890' });
      expect(await data('ai.testConnection')).toMatchObject({ ok: true });
      expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer sk-bound-1234567890');

      // A new address (a settings change, or whatever asks for one): the key stays behind.
      await call('settings.set', { ai: { baseUrl: other.baseUrl } });
      expect(await data('ai.keyStatus')).toMatchObject({ stored: false });
      const refused = await data('ai.testConnection');
      expect(refused).toMatchObject({ ok: false, error: { kind: 'no_key' } });
      expect(JSON.stringify(refused)).toMatch(/saved for 127\.0\.0\.1:\d+, so it is not sent to 127\.0\.0\.1:\d+/);
      expect(other.requests.some((r) => JSON.stringify(r.headers).includes('sk-bound'))).toBe(false);

      // Entered again for the new address, it goes there.
      await data('ai.setKey', { key: 'sk-bound-1234567890' });
      expect(await data('ai.testConnection')).toMatchObject({ ok: true });
      expect(other.requests.at(-1)?.headers.authorization).toBe('Bearer sk-bound-1234567890');
    } finally {
      await other.close();
    }
  });

  it('binds a key saved by an earlier version to the address in use at start', async () => {
    const other = await startOpenAiServer();
    try {
      await call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
      // As an earlier version saved it: the key alone, tied to no address.
      await core.platform.secrets.set('ai.apiKey', 'sk-legacy-1234567890');
      await core.close();
      core = await startCore(dir.path);
      await call('settings.set', { ai: { baseUrl: other.baseUrl } });
      expect(await data('ai.testConnection')).toMatchObject({ ok: false, error: { kind: 'no_key' } });
      expect(other.requests.some((r) => JSON.stringify(r.headers).includes('sk-legacy'))).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('rejects something that is not a key, without echoing it', async () => {
    const result = await call('ai.setKey', { key: 'not a key at all' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify(result)).not.toContain('not a key at all');
  });

  it('lists the endpoint’s models and tests the connection', async () => {
    await call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
    expect(await data('ai.models')).toEqual({ endpoint: server.baseUrl, models: ['gpt-4o', 'gpt-4o-mini', 'o4-mini'] });
    const test = await data('ai.testConnection');
    expect(test).toMatchObject({
      ok: true,
      endpoint: server.baseUrl,
      model: 'gpt-4o-mini',
      answeredBy: 'gpt-4o-mini',
      proxy: null,
    });
    expect(test.latencyMs).toBeGreaterThanOrEqual(0);
    const usage = await data('ai.usageToday');
    expect(usage).toMatchObject({ calls: 1, promptTokens: 12, completionTokens: 1, budgetUsd: 5, blocked: false });
  });

  it('answers a failed connection test with the classified error, not a failure envelope', async () => {
    await call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
    server.chat.push(errors.unauthorized());
    expect(await data('ai.testConnection')).toMatchObject({
      ok: false,
      endpoint: server.baseUrl,
      error: { kind: 'auth', hint: expect.stringMatching(/API key/) },
    });
  });

  it('fails ai.models with the classified error as the envelope error', async () => {
    await call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
    server.modelsReplies.push(errors.unauthorized());
    expect(await call('ai.models')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', hint: expect.any(String) },
    });
  });

  it('reads and replaces the price table, validating each row', async () => {
    const table = (await call('ai.prices.get')) as { ok: true; data: { model: string }[] };
    expect(table.data.map((p) => p.model)).toContain('gpt-4o-mini');
    const next = [{ model: 'my-model', inputPerMTok: 0.5, outputPerMTok: 1.5 }];
    expect(await call('ai.prices.set', { prices: next })).toEqual({ ok: true, data: next });
    expect(await call('ai.prices.get')).toEqual({ ok: true, data: next });
    const bad = await call('ai.prices.set', { prices: [{ model: 'x', inputPerMTok: -1, outputPerMTok: 1 }] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps a canary key out of every database file, log line and renderer-bound message', async () => {
    const canary = `sk-canary-${randomBytes(20).toString('hex')}`;
    const keyed = await startOpenAiServer({ apiKey: canary });
    const logged: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))),
    );
    const outbound: unknown[] = [];
    core.events.onAny((event, payload) => outbound.push({ event, payload }));
    const send = async (route: string, input?: unknown) => {
      const result = await call(route, input);
      outbound.push(result);
      return result;
    };
    try {
      await send('settings.set', { ai: { preset: 'openai', baseUrl: keyed.baseUrl } });
      await send('ai.setKey', { key: canary });
      await send('ai.keyStatus');
      expect(await send('ai.testConnection')).toMatchObject({ ok: true, data: { ok: true } });
      await send('ai.models');
      for await (const _ of core.ai.stream({
        messages: [{ role: 'user', content: 'hi' }],
        who: { conversationId: 'c1' },
      })) {
        // drain
      }
      keyed.chat.push(errors.unauthorized(), errors.server(500));
      await send('ai.testConnection');
      await send('settings.set', { ai: { baseUrl: 'https://api.flipsync-test.invalid/v1' } });
      await send('ai.testConnection');
      await send('ai.models');
      await send('ai.usageToday');
      await send('app.info');
      // The key really was sent: otherwise the success above would prove nothing.
      expect(keyed.requests.some((r) => r.headers.authorization === `Bearer ${canary}`)).toBe(true);
    } finally {
      spies.forEach((s) => s.mockRestore());
      await keyed.close();
    }
    expect(JSON.stringify(outbound)).not.toContain(canary);
    expect(logged.join('\n')).not.toContain(canary);

    await core.close();
    const files = await listFiles(dir.path);
    const secretsFile = path.join(dir.path, 'secrets', 'secrets.json');
    expect(files).toContain(secretsFile);
    expect((await stat(secretsFile)).mode & 0o077).toBe(0);
    for (const file of files.filter((f) => f !== secretsFile)) {
      expect((await readFile(file)).includes(canary), file).toBe(false);
    }
    // LevelDB may compress blocks; read every document back too.
    for (const name of ['local', 'inventory', 'chat', 'agents']) {
      const db = await openDatabase(dir.path, name);
      const all = await db.allDocs({ include_docs: true });
      await db.close();
      expect(JSON.stringify(all)).not.toContain(canary);
    }
    core = await startCore(dir.path);
  });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
