import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errors, startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { caught, hello, startAi, type AiHarness } from './harness';

describe('AI HTTP errors and retries (real SDK, real wire)', () => {
  let server: OpenAiServer;
  let h: AiHarness;
  beforeEach(async () => {
    server = await startOpenAiServer();
    h = await startAi({ baseUrl: server.baseUrl });
  });
  afterEach(async () => {
    await h.close();
    await server.close();
  });

  it('retries a 429 rate limit after the retry-after it was given, then succeeds', async () => {
    server.chat.push(errors.rateLimited(2));
    const result = await h.ai.complete(hello);
    expect(result.content).toBe('OK');
    expect(server.requests).toHaveLength(2);
    expect(h.waits).toEqual([2000]);
  });

  it('does not retry a 429 for an exhausted quota, and says to add credit', async () => {
    server.chat.push(errors.quota());
    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'quota', code: 'FORBIDDEN', hint: /credit/ });
    expect(server.requests).toHaveLength(1);
    expect(h.waits).toEqual([]);
  });

  it('shows a rate limit asking for a long wait instead of hanging on it', async () => {
    server.chat.push(errors.rateLimited(600));
    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'rate_limit' });
    expect(error.message).toMatch(/Try again in 600 s/);
    expect(server.requests).toHaveLength(1);
  });

  it('retries 5xx with growing backoff, then succeeds', async () => {
    server.chat.push(errors.server(500), errors.server(502), errors.server(503));
    expect((await h.ai.complete(hello)).content).toBe('OK');
    expect(server.requests).toHaveLength(4);
    expect(h.waits).toHaveLength(3);
    // Jittered between half and all of 500, 1000, 2000 ms.
    h.waits.forEach((ms, n) => {
      expect(ms).toBeGreaterThanOrEqual(250 * 2 ** n);
      expect(ms).toBeLessThanOrEqual(500 * 2 ** n);
    });
  });

  it('gives up on 5xx after the last retry with a server error', async () => {
    server.chat.push(...Array.from({ length: 4 }, () => errors.server(500)));
    expect(await caught(() => h.ai.complete(hello))).toMatchObject({ kind: 'server', code: 'UNAVAILABLE' });
    expect(server.requests).toHaveLength(4);
  });

  it('classifies 401 as the key, without retrying and without echoing the key', async () => {
    server.chat.push(errors.unauthorized());
    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'auth', code: 'FORBIDDEN', hint: /API key/ });
    expect(JSON.stringify({ m: error.message, h: error.hint })).not.toContain('sk-test-key');
    expect(server.requests).toHaveLength(1);
  });

  it('classifies a 404 for an unknown model, naming the model', async () => {
    await h.settings.set({ ai: { model: 'gpt-9-imaginary' } });
    server.chat.push(errors.modelNotFound('gpt-9-imaginary'));
    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'not_found', code: 'NOT_FOUND', hint: /Pick a model/ });
    expect(error.message).toContain('gpt-9-imaginary');
  });

  it('classifies a 404 for a wrong base URL as the address', async () => {
    await h.settings.set({ ai: { baseUrl: server.baseUrl.replace(/\/v1$/, '/api') } });
    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'not_found', hint: /base URL/ });
  });

  it('refuses to call a provider that needs a key when none is stored', async () => {
    await h.settings.set({ ai: { preset: 'openai', baseUrl: server.baseUrl } });
    await h.secrets.delete('ai.apiKey');
    expect(await caught(() => h.ai.complete(hello))).toMatchObject({ kind: 'no_key', hint: /API key/ });
    expect(server.requests).toHaveLength(0);
  });

  it('sends the stored key as a bearer token', async () => {
    await h.ai.complete(hello);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test-key-0123456789');
  });
});
