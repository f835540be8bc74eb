import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../../../src/main/core/net/trust';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { createTestCa, type TestCa } from '../../support/tls-ca';
import { caught, hello, startAi, type AiHarness } from './harness';

describe('AI calls through a company proxy (HTTPS_PROXY)', () => {
  let ca: TestCa;
  let server: OpenAiServer;
  let h: AiHarness | null = null;
  const proxies: ConnectProxy[] = [];
  const target = () => new URL(server.baseUrl).host;
  beforeAll(async () => {
    ca = await createTestCa('Corp Inspecting Proxy');
    server = await startOpenAiServer({ tls: await ca.issue() });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await h?.close();
    h = null;
    await Promise.all(proxies.splice(0).map((p) => p.close()));
  });
  const proxy = async (auth?: { username: string; password: string }) => {
    const p = await startConnectProxy(auth);
    proxies.push(p);
    return p;
  };
  const viaProxy = async (httpsProxy: string) => {
    h = await startAi({ baseUrl: server.baseUrl }, { service: { proxy: { httpsProxy } } });
    await h.settings.set({ ai: { caFile: await ca.writeRoot(h.dir) } });
    return h;
  };

  it('reads the proxy variables as curl does, lower case first', () => {
    expect(proxyFromEnv({ HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2', NO_PROXY: 'corp.local' })).toEqual({
      httpsProxy: 'http://b:2',
      httpProxy: undefined,
      noProxy: 'corp.local',
    });
    expect(proxyFromEnv({})).toEqual({ httpsProxy: undefined, httpProxy: undefined, noProxy: undefined });
  });

  it('tunnels the HTTPS call through the proxy, certificate checks still on', async () => {
    const p = await proxy();
    const ai = (await viaProxy(p.url)).ai;
    expect((await ai.complete(hello)).content).toBe('OK');
    expect(p.tunnels).toEqual([target()]);
    expect(server.requests).not.toHaveLength(0);
    // Settings → AI → Test connection says which way the call went.
    expect(await ai.testConnection()).toMatchObject({ ok: true, proxy: p.url });
  });

  it('still refuses a certificate it does not trust when the call goes through the proxy', async () => {
    const p = await proxy();
    h = await startAi({ baseUrl: server.baseUrl }, { service: { proxy: { httpsProxy: p.url } } });
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'tls' });
    expect(error.message).toMatch(/unknown issuer/);
    expect(p.tunnels).toEqual([target()]);
  });

  it('sends the credentials from the proxy address, and never repeats them in an error', async () => {
    const p = await proxy({ username: 'seller', password: 'pr0xy-s3cret' });
    const ok = await viaProxy(`http://seller:pr0xy-s3cret@${new URL(p.url).host}`);
    expect((await ok.ai.complete(hello)).content).toBe('OK');
    await h!.close();

    h = await viaProxy(`http://seller:wrong-pass@${new URL(p.url).host}`);
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toBe(`The proxy ${p.url} wants a username and password (407 Proxy Authentication Required).`);
    expect(error.hint).toMatch(/HTTPS_PROXY as http:\/\/user:password@host:port/);
    expect(JSON.stringify(error)).not.toMatch(/wrong-pass|pr0xy-s3cret|seller:/);
    expect(p.refused).toBeGreaterThan(0);
  });

  it('says when nothing answers at the proxy address', async () => {
    const p = await proxy();
    const gone = p.url;
    await p.close();
    proxies.splice(0);
    h = await viaProxy(gone);
    const error = await caught(() => h!.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error.message).toBe(`Nothing is accepting connections at the proxy ${gone} (from HTTPS_PROXY).`);
  });

  it('goes direct to a host listed in NO_PROXY', async () => {
    const p = await proxy();
    h = await startAi({ baseUrl: server.baseUrl }, { service: { proxy: { httpsProxy: p.url, noProxy: '127.0.0.1' } } });
    await h.settings.set({ ai: { caFile: await ca.writeRoot(h.dir) } });
    expect((await h.ai.complete(hello)).content).toBe('OK');
    expect(p.tunnels).toEqual([]);
  });
});
