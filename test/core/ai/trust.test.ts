import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TLS_HINT } from '../../../src/main/core/ai/errors';
import { createTestCa, type TestCa } from '../../support/tls-ca';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { caught, hello, startAi, type AiHarness } from './harness';

describe('AI trust: HTTPS through a CA the machine does not know', () => {
  let ca: TestCa;
  let server: OpenAiServer;
  let h: AiHarness | null = null;
  beforeAll(async () => {
    ca = await createTestCa('Corp Proxy');
    server = await startOpenAiServer({ tls: await ca.issue() });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('fails with a classified TLS error and the CA-file hint when the CA is not trusted', async () => {
    h = await startAi({ baseUrl: server.baseUrl });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'tls', code: 'UNAVAILABLE', hint: TLS_HINT });
    expect(error.message).toMatch(/unknown issuer/);
    expect(server.requests).toHaveLength(0);
  });

  it('succeeds once the same CA is given as the CA-file setting', async () => {
    h = await startAi({ baseUrl: server.baseUrl });
    const caFile = await ca.writeRoot(h.dir);
    await h.settings.set({ ai: { caFile } });
    const result = await h.ai.complete(hello);
    expect(result.content).toBe('OK');
  });

  it('succeeds when the CA is in the system store the code reads', async () => {
    h = await startAi({ baseUrl: server.baseUrl }, { service: { systemStore: async () => [ca.rootPem] } });
    expect((await h.ai.complete(hello)).content).toBe('OK');
  });

  it('names a self-signed chain as such', async () => {
    // The server sends its whole chain up to the root: OpenSSL reports a self-signed root.
    const cert = await ca.issue();
    const withRoot = await startOpenAiServer({ tls: { key: cert.key, cert: cert.cert + ca.rootPem } });
    try {
      h = await startAi({ baseUrl: withRoot.baseUrl });
      const error = await caught(() => h!.ai.complete(hello));
      expect(error).toMatchObject({ kind: 'tls', hint: TLS_HINT });
      expect(error.message).toMatch(/self-signed/);
    } finally {
      await withRoot.close();
    }
  });

  it('reports a certificate for another name as a hostname mismatch, even with the CA trusted', async () => {
    const other = await startOpenAiServer({ tls: await ca.issue({ dns: ['proxy.example'], ips: [] }) });
    try {
      h = await startAi({ baseUrl: other.baseUrl });
      await h.settings.set({ ai: { caFile: await ca.writeRoot(h.dir) } });
      const error = await caught(() => h!.ai.complete(hello));
      expect(error).toMatchObject({ kind: 'tls' });
      expect(error.message).toMatch(/hostname mismatch/);
    } finally {
      await other.close();
    }
  });

  it('explains a CA file that is missing or holds no certificate', async () => {
    h = await startAi({ baseUrl: server.baseUrl, caFile: path.join('/nonexistent', 'corp.pem') });
    expect(await caught(() => h!.ai.complete(hello))).toMatchObject({ kind: 'ca_file', code: 'BAD_REQUEST' });
    const notPem = path.join(h.dir, 'corp.cer');
    await writeFile(notPem, 'this is not a certificate');
    await h.settings.set({ ai: { caFile: notPem } });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'ca_file' });
    expect(error.message).toMatch(/no PEM certificate/);
    // A folder or a device is refused before reading: /dev/zero would be read without end.
    for (const [caFile, words] of [
      [h.dir, /is not a file/],
      ['/dev/zero', /is not a file/],
    ] as const) {
      await h.settings.set({ ai: { caFile } });
      expect((await caught(() => h!.ai.complete(hello))).message).toMatch(words);
    }
    const huge = path.join(h.dir, 'huge.pem');
    await writeFile(huge, 'A'.repeat(2_000_000));
    await h.settings.set({ ai: { caFile: huge } });
    expect((await caught(() => h!.ai.complete(hello))).message).toMatch(
      /is 2\.0 MB; certificate files are a few kilobytes/,
    );
  });
});

describe('AI network errors', () => {
  let h: AiHarness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('classifies a refused connection', async () => {
    const port = await closedPort();
    h = await startAi({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'refused' });
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('tells a local-server user to start it when refused', async () => {
    const port = await closedPort();
    h = await startAi({ preset: 'ollama', baseUrl: `http://127.0.0.1:${port}/v1` }, { key: null });
    expect(await caught(() => h!.ai.complete(hello))).toMatchObject({
      kind: 'refused',
      hint: /Start the local AI server/,
    });
  });

  it('says which port fetch will not use, instead of an unknown failure', async () => {
    h = await startAi({ baseUrl: 'http://127.0.0.1:9/v1' });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'config', message: expect.stringMatching(/may not use port 9/) });
    expect(error.hint).toMatch(/11434/);
  });

  it('classifies a name that does not resolve', async () => {
    h = await startAi({ baseUrl: 'https://api.flipsync-test.invalid/v1' });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'dns', hint: /online/ });
  });

  it('times out a server that never answers', async () => {
    const server = await startOpenAiServer();
    try {
      server.chat.push({ type: 'hang' });
      h = await startAi({ baseUrl: server.baseUrl });
      const error = await caught(() => h!.ai.complete({ ...hello, timeoutMs: 200 }));
      expect(error).toMatchObject({ kind: 'timeout' });
    } finally {
      await server.close();
    }
  });

  it('stops a request when its signal aborts, without retrying', async () => {
    const server = await startOpenAiServer();
    try {
      server.chat.push({ type: 'hang' });
      h = await startAi({ baseUrl: server.baseUrl });
      const controller = new AbortController();
      const pending = caught(() => h!.ai.complete({ ...hello, signal: controller.signal }));
      while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'cancelled' });
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('retries a dropped connection and then succeeds', async () => {
    const server = await startOpenAiServer();
    try {
      server.chat.push({ type: 'drop' });
      h = await startAi({ baseUrl: server.baseUrl });
      expect((await h.ai.complete(hello)).content).toBe('OK');
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
