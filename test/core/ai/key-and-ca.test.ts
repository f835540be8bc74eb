import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserPlatform } from '../../../src/main/browser/platform';
import { createCore } from '../../../src/main/core/core';
import { coreForEachTest, inProcess } from '../../support/core';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { tempDir } from '../../support/temp-dir';
import { createTestCa, type TestCa } from '../../support/tls-ca';

describe('the AI key panel says whose key is stored, and where', () => {
  const h = coreForEachTest();
  let server: OpenAiServer;
  beforeAll(async () => {
    server = await startOpenAiServer();
  });
  afterAll(() => server.close());

  const data = async (route: string, input?: unknown) => {
    const result = await h.core.dispatch(route, input, inProcess);
    if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
    return result.data as Record<string, unknown>;
  };

  it('a key saved for OpenAI, then the provider switched to Custom: names the server the key is for', async () => {
    await data('ai.setKey', { key: 'sk-openai-1234567890' });
    expect(await data('ai.keyStatus')).toMatchObject({ stored: true, savedFor: 'api.openai.com' });
    await data('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
    expect(await data('ai.keyStatus')).toMatchObject({
      stored: false,
      savedFor: 'api.openai.com',
      server: new URL(server.baseUrl).host,
    });
    await data('ai.setKey', { key: 'sk-local-1234567890' });
    expect(await data('ai.keyStatus')).toMatchObject({ stored: true, savedFor: new URL(server.baseUrl).host });
  });

  it('browser mode says the key is in a file in the data folder, not a keychain', async () => {
    expect(await data('ai.keyStatus')).toMatchObject({
      storedIn: 'file',
      file: path.join(h.dir, 'secrets', 'secrets.json'),
    });
  });

  it('the desktop app says the keychain', async () => {
    const dir = await tempDir();
    const core = await createCore({ ...createBrowserPlatform(dir.path, '0.0.0-test'), shell: 'electron' });
    try {
      const status = await core.dispatch('ai.keyStatus', {}, inProcess);
      expect(status).toMatchObject({ ok: true, data: { storedIn: 'keychain', file: null } });
    } finally {
      await core.close();
      await dir.remove();
    }
  });
});

describe('the CA certificate file', () => {
  const h = coreForEachTest();
  let ca: TestCa;
  let server: OpenAiServer;
  beforeAll(async () => {
    ca = await createTestCa('Corp Proxy');
    server = await startOpenAiServer({ tls: await ca.issue() });
  });
  afterAll(() => server.close());

  it('is checked on save: a path with no file is refused beside the field, and nothing is saved', async () => {
    const missing = path.join(h.dir, 'nowhere', 'corp.pem');
    const result = await h.core.dispatch('settings.set', { ai: { caFile: missing, model: 'x' } }, inProcess);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `There is no CA certificate file at ${missing}.`,
        fields: [{ path: 'ai.caFile' }],
      },
    });
    const saved = await h.core.dispatch('settings.get', {}, inProcess);
    expect(saved).toMatchObject({ ok: true, data: { ai: { caFile: '', model: 'gpt-4o-mini' } } });

    const notPem = path.join(h.dir, 'corp.cer');
    await writeFile(notPem, 'not a certificate');
    const refused = await h.core.dispatch('settings.set', { ai: { caFile: notPem } }, inProcess);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/holds no PEM certificate/) } });

    const good = await ca.writeRoot(h.dir);
    expect(await h.core.dispatch('settings.set', { ai: { caFile: good } }, inProcess)).toMatchObject({ ok: true });
  });

  it('holding only an intermediate: the unknown-issuer error says the root of the chain is needed', async () => {
    const intermediate = path.join(h.dir, 'intermediate.pem');
    await writeFile(intermediate, ca.intermediatePem);
    await h.core.dispatch(
      'settings.set',
      { ai: { preset: 'custom', baseUrl: server.baseUrl, caFile: intermediate } },
      inProcess,
    );
    const test = await h.core.dispatch('ai.testConnection', {}, inProcess);
    expect(test).toMatchObject({ ok: true, data: { ok: false, error: { kind: 'tls' } } });
    const error = (test as { data: { error: { message: string; hint: string } } }).data.error;
    expect(error.message).toMatch(/unknown issuer/);
    expect(error.message).toContain(`Your CA certificate file ${intermediate} holds only an intermediate certificate`);
    expect(error.message).toContain('Corp Proxy Root CA');
    expect(error.hint).toMatch(/root certificate \(the self-signed one at the top of the chain/);

    // With the root added to the same file, the connection is trusted.
    await writeFile(intermediate, ca.intermediatePem + ca.rootPem);
    const again = await h.core.dispatch('ai.testConnection', {}, inProcess);
    expect(again).toMatchObject({ ok: true, data: { ok: true } });
  });
});
