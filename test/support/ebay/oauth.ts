/**
 * The double's sign-in: eBay's consent page (/oauth2/authorize, then "Agree") and the token
 * endpoint (/identity/v1/oauth2/token) with eBay's rules: Basic auth of a known keyset,
 * redirect_uri = that keyset's RuName, single-use codes that run out after 5 minutes,
 * scopes the environment offers, refreshes only for granted scopes, and client_credentials.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { newToken, type DoubleState } from './state';
import type { Reply, Req } from './http';

const SCOPES_FILE = path.resolve(import.meta.dirname, '../../fixtures/ebay-openapi/production_scopes.json');
const OFFERED = new Set((JSON.parse(readFileSync(SCOPES_FILE, 'utf8')) as { Scope: string }[]).map((s) => s.Scope));
export const BASE_SCOPE = 'https://api.ebay.com/oauth/api_scope';

const ACCESS_SECONDS = 7200;
const REFRESH_SECONDS = 47_304_000;
const CODE_SECONDS = 299;

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const oauthError = (status: number, error: string, description: string) =>
  json(status, { error, error_description: description });
const html = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body });
const redirect = (to: string): Reply => ({ status: 302, headers: { location: to }, body: '' });
const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function consentPage(state: DoubleState, req: Req): Reply {
  const q = req.url.searchParams;
  const app = state.app(q.get('client_id') ?? '');
  if (!app) return html('<h1>Invalid client_id</h1>');
  if (q.get('redirect_uri') !== app.ruName) return html('<h1>Invalid redirect_uri: use the RuName of this keyset</h1>');
  if (q.get('response_type') !== 'code') return html('<h1>response_type must be code</h1>');
  const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
  const withState = (url: string, extra: Record<string, string>) => {
    const to = new URL(url);
    for (const [k, v] of Object.entries(extra)) to.searchParams.set(k, v);
    if (q.get('state') !== null) to.searchParams.set('state', q.get('state')!);
    return to.toString();
  };
  // One unknown scope rejects the whole consent.
  if (scopes.length === 0 || scopes.some((s) => !OFFERED.has(s))) {
    return redirect(withState(app.acceptUrl, { error: 'invalid_scope' }));
  }
  const tx = newToken('tx');
  state.pendingConsents.set(tx, { app, scopes, state: q.get('state') });
  const list = scopes.map((s) => `<li>${escape(s)}</li>`).join('');
  return html(
    `<!doctype html><title>eBay: grant application access</title><h1>Grant access to your eBay account</h1>` +
      `<p>Signed in as ${escape(state.user.username)}.</p><ul>${list}</ul>` +
      `<a id="agree" href="/oauth2/consent?tx=${tx}&amp;decision=accept">Agree</a> ` +
      `<a id="decline" href="/oauth2/consent?tx=${tx}&amp;decision=decline">No thanks</a>`,
  );
}

export function consentDecision(state: DoubleState, req: Req): Reply {
  const tx = req.url.searchParams.get('tx') ?? '';
  const pending = state.pendingConsents.get(tx);
  if (!pending) return html('<h1>This consent page has expired.</h1>');
  state.pendingConsents.delete(tx);
  const { app, scopes } = pending;
  const target = new URL(
    req.url.searchParams.get('decision') === 'accept' ? app.acceptUrl : (app.declineUrl ?? app.acceptUrl),
  );
  if (req.url.searchParams.get('decision') === 'accept') {
    const code = newToken('v^1.1#i^1#code#');
    state.codes.set(code, {
      clientId: app.clientId,
      ruName: app.ruName,
      scopes,
      expiresAt: state.now() + CODE_SECONDS * 1000,
      used: false,
    });
    target.searchParams.set('code', code);
    target.searchParams.set('expires_in', String(CODE_SECONDS));
  } else target.searchParams.set('error', 'access_denied');
  if (pending.state !== null) target.searchParams.set('state', pending.state);
  return redirect(target.toString());
}

export function tokenEndpoint(state: DoubleState, req: Req): Reply {
  if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST');
  if (!(req.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    return oauthError(400, 'invalid_request', 'request must be application/x-www-form-urlencoded');
  }
  const auth = req.headers.get('authorization') ?? '';
  const [clientId, secret] = auth.startsWith('Basic ')
    ? Buffer.from(auth.slice(6), 'base64').toString().split(':')
    : [];
  const app = state.app(clientId ?? '');
  if (!app || app.clientSecret !== secret) return oauthError(401, 'invalid_client', 'client authentication failed');
  const form = new URLSearchParams(req.body);
  const grant = form.get('grant_type');
  state.calls.push(`token:${grant}`);
  if (grant === 'authorization_code') {
    const code = state.codes.get(form.get('code') ?? '');
    if (form.get('redirect_uri') !== app.ruName)
      return oauthError(400, 'invalid_request', 'redirect_uri must be the RuName');
    if (!code || code.clientId !== app.clientId)
      return oauthError(
        400,
        'invalid_grant',
        'the provided authorization grant code is invalid or was issued to another client',
      );
    if (code.used) return oauthError(400, 'invalid_grant', 'the provided authorization grant code has been used');
    if (code.expiresAt <= state.now())
      return oauthError(400, 'invalid_grant', 'the provided authorization grant code has expired');
    code.used = true;
    return issueUserTokens(state, app.clientId, code.scopes, true);
  }
  if (grant === 'refresh_token') {
    const refresh = state.refreshTokens.get(form.get('refresh_token') ?? '');
    if (!refresh || refresh.clientId !== app.clientId || refresh.revoked || refresh.expiresAt <= state.now()) {
      return oauthError(
        400,
        'invalid_grant',
        'the provided authorization refresh token is invalid or was issued to another client',
      );
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.some((s) => !refresh.scopes.includes(s)))
      return oauthError(
        400,
        'invalid_scope',
        'the requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
      );
    return issueUserTokens(state, app.clientId, scopes.length > 0 ? scopes : refresh.scopes, false);
  }
  if (grant === 'client_credentials') {
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => s !== BASE_SCOPE))
      return oauthError(400, 'invalid_scope', 'an application token takes the base scope only');
    const token = newToken('v^1.1#i^1#app#');
    state.accessTokens.set(token, { clientId: app.clientId, scopes, expiresAt: state.now() + ACCESS_SECONDS * 1000 });
    return json(200, { access_token: token, expires_in: ACCESS_SECONDS, token_type: 'Application Access Token' });
  }
  return oauthError(
    400,
    'unsupported_grant_type',
    'grant type in request is not supported by the authorization server',
  );
}

function issueUserTokens(state: DoubleState, clientId: string, scopes: string[], withRefresh: boolean): Reply {
  const access = newToken('v^1.1#i^1#access#');
  state.accessTokens.set(access, { clientId, scopes, expiresAt: state.now() + ACCESS_SECONDS * 1000 });
  const body: Record<string, unknown> = {
    access_token: access,
    expires_in: ACCESS_SECONDS,
    token_type: 'User Access Token',
  };
  if (withRefresh) {
    const refresh = newToken('v^1.1#i^1#refresh#');
    state.refreshTokens.set(refresh, { clientId, scopes, expiresAt: state.now() + REFRESH_SECONDS * 1000 });
    Object.assign(body, { refresh_token: refresh, refresh_token_expires_in: REFRESH_SECONDS });
  }
  return json(200, body);
}
