/**
 * A minimal token relay for tests, following relay-protocol.md, that exchanges and refreshes
 * at the eBay double's token endpoint. Replaced by the real src/relay once it is merged.
 */
import { listen, type Reply, type Req } from './http';
import type { DoubleApp } from './state';
import type { TestCa } from '../tls-ca';

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

export interface RelayStandIn {
  origin: string;
  acceptUrl: string;
  /** Install ids the app sent, one per request. */
  installs: string[];
  close(): Promise<void>;
}

export async function startRelayStandIn(
  ca: TestCa,
  ebayOrigin: string,
  app: () => DoubleApp,
  trust: typeof fetch,
): Promise<RelayStandIn> {
  const installs: string[] = [];
  const token = async (form: Record<string, string>) => {
    const a = app();
    const res = await trust(`${ebayOrigin}/identity/v1/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${a.clientId}:${a.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const handle = async (req: Req): Promise<Reply> => {
    const p = req.url.pathname;
    if (p === '/accept') {
      const state = req.url.searchParams.get('state') ?? '';
      const back = Buffer.from(state.split('.')[1] ?? '', 'base64url').toString();
      if (/^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(back)) {
        const to = new URL(back);
        to.searchParams.set('code', req.url.searchParams.get('code') ?? '');
        to.searchParams.set('state', state);
        return { status: 302, headers: { location: to.toString() }, body: '' };
      }
      return {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: `<p>Copy this address into FlipSync:</p><code>${req.url.toString()}</code>`,
      };
    }
    installs.push(req.headers.get('x-flipsync-install') ?? '');
    const m = /^\/v1\/(production|sandbox)\/([\w-]+)$/.exec(p);
    if (!m || req.method !== 'POST') return json(404, { error: { code: 'not_found', message: 'No such route' } });
    const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const a = app();
    if (m[2] === 'authorize-url') {
      const url = new URL('/oauth2/authorize', ebayOrigin);
      url.search = new URLSearchParams({
        client_id: a.clientId,
        redirect_uri: a.ruName,
        response_type: 'code',
        scope: (body.scopes as string[]).join(' '),
        state: String(body.state),
      }).toString();
      return json(200, { url: url.toString() });
    }
    if (m[2] === 'token') {
      const r = await token({ grant_type: 'authorization_code', code: String(body.code), redirect_uri: a.ruName });
      if (r.status !== 200)
        return json(400, { error: { code: String(r.body.error), message: String(r.body.error_description) } });
      return json(200, {
        accessToken: r.body.access_token,
        accessTokenExpiresAt: inSeconds(Number(r.body.expires_in)),
        refreshToken: r.body.refresh_token,
        refreshTokenExpiresAt: inSeconds(Number(r.body.refresh_token_expires_in)),
        scopes: (body.scopes as string[] | undefined) ?? [],
      });
    }
    if (m[2] === 'refresh') {
      const scopes = body.scopes as string[];
      const r = await token({
        grant_type: 'refresh_token',
        refresh_token: String(body.refreshToken),
        scope: scopes.join(' '),
      });
      if (r.status !== 200)
        return json(400, { error: { code: String(r.body.error), message: String(r.body.error_description) } });
      return json(200, {
        accessToken: r.body.access_token,
        accessTokenExpiresAt: inSeconds(Number(r.body.expires_in)),
        scopes,
      });
    }
    return json(404, { error: { code: 'not_found', message: 'No such route' } });
  };
  const { server, origin } = await listen(ca, handle);
  return {
    origin,
    acceptUrl: `${origin}/accept`,
    installs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
