import { describe, expect, it } from 'vitest';
import {
  AppTokenResponseSchema,
  AuthorizeUrlResponseSchema,
  HealthResponseSchema,
  RefreshResponseSchema,
  RelayErrorBodySchema,
  TokenResponseSchema,
} from '../../src/shared/ebay/relay-protocol';
import { APP_SCOPE } from './fake-ebay';
import { CLIENT_ID, RU_NAME, post, startRelayUnderTest } from './harness';

const SCOPES = [
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
];

describe('relay: health and environments', () => {
  it('names only the configured environments', async () => {
    const { call } = await startRelayUnderTest();
    const res = await call('/v1/health');
    expect(res.status).toBe(200);
    expect(HealthResponseSchema.parse(res.json())).toEqual({ ok: true, environments: ['production'] });
  });

  it('refuses an unknown environment and one this relay does not serve', async () => {
    const { call } = await startRelayUnderTest();
    const unknown = await call('/v1/staging/app-token');
    expect(unknown.status).toBe(404);
    expect(RelayErrorBodySchema.parse(unknown.json()).error.code).toBe('unknown_environment');
    const missing = await call('/v1/sandbox/authorize-url', post({ state: 'n.x', scopes: SCOPES }));
    expect(missing.status).toBe(404);
    expect(RelayErrorBodySchema.parse(missing.json()).error).toEqual({
      code: 'environment_not_configured',
      message: 'This relay does not serve eBay sandbox.',
    });
  });
});

describe('relay: authorize-url', () => {
  it("builds eBay's consent address with the relay's client id and RuName", async () => {
    const { call, ebay } = await startRelayUnderTest();
    const res = await call(
      '/v1/production/authorize-url',
      post({ state: 'abc123.aHR0cDovLzEyNy4wLjAuMQ', scopes: SCOPES }),
    );
    expect(res.status).toBe(200);
    const { url } = AuthorizeUrlResponseSchema.parse(res.json());
    expect(url.startsWith(`${ebay.url}/auth/oauth2/authorize?`)).toBe(true);
    const q = new URL(url).searchParams;
    expect(q.get('client_id')).toBe(CLIENT_ID);
    expect(q.get('redirect_uri')).toBe(RU_NAME);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe(SCOPES.join(' '));
    expect(q.get('state')).toBe('abc123.aHR0cDovLzEyNy4wLjAuMQ');
    expect(url).toContain('scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fsell.inventory%20https');
  });

  it('says which field is wrong', async () => {
    const { call } = await startRelayUnderTest();
    const res = await call('/v1/production/authorize-url', post({ state: '', scopes: ['sell.inventory'] }));
    expect(res.status).toBe(400);
    const { error } = RelayErrorBodySchema.parse(res.json());
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('state: state is empty');
    expect(error.message).toContain('scopes.0: each scope must start with https://api.ebay.com/oauth/api_scope');
    const notJson = await call('/v1/production/authorize-url', { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toEqual({ error: { code: 'bad_request', message: 'The request body must be JSON.' } });
  });
});

describe('relay: code exchange and refresh', () => {
  it("exchanges a code once for eBay's tokens, with their expiry times", async () => {
    const { call, ebay, clock } = await startRelayUnderTest();
    const code = ebay.consent(SCOPES);
    const res = await call('/v1/production/token', post({ code, scopes: SCOPES }));
    expect(res.status).toBe(200);
    const tokens = TokenResponseSchema.parse(res.json());
    expect(tokens.accessToken).toMatch(/^v\^1\.1#/);
    expect(tokens.refreshToken).toMatch(/^v\^1\.1#/);
    expect(tokens.accessTokenExpiresAt).toBe(new Date(clock.now + 7200_000).toISOString());
    expect(tokens.refreshTokenExpiresAt).toBe(new Date(clock.now + 47_304_000_000).toISOString());
    // eBay does not name the granted scopes: the relay echoes the ones consented to.
    expect(tokens.scopes).toEqual(SCOPES);
    expect(ebay.tokenCalls).toEqual([{ grantType: 'authorization_code', status: 200 }]);

    const again = await call('/v1/production/token', post({ code }));
    expect(again.status).toBe(400);
    expect(RelayErrorBodySchema.parse(again.json()).error.code).toBe('invalid_grant');
  });

  it('turns an expired or unknown code into invalid_grant', async () => {
    const { call, ebay } = await startRelayUnderTest();
    for (const code of [ebay.consent(SCOPES, { expired: true }), 'v^1.1#never-issued']) {
      const res = await call('/v1/production/token', post({ code }));
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'invalid_grant' } });
    }
  });

  it('refreshes with the granted scopes, and a revoked refresh token answers invalid_grant', async () => {
    const { call, ebay, clock } = await startRelayUnderTest();
    const tokens = TokenResponseSchema.parse(
      (await call('/v1/production/token', post({ code: ebay.consent(SCOPES) }))).json(),
    );
    clock.now += 3 * 3600_000;
    const res = await call('/v1/production/refresh', post({ refreshToken: tokens.refreshToken, scopes: SCOPES }));
    expect(res.status).toBe(200);
    const refreshed = RefreshResponseSchema.parse(res.json());
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.accessTokenExpiresAt).toBe(new Date(clock.now + 7200_000).toISOString());
    expect(refreshed.scopes).toEqual(SCOPES);

    const wider = await call(
      '/v1/production/refresh',
      post({ refreshToken: tokens.refreshToken, scopes: [...SCOPES, `${APP_SCOPE}/sell.account`] }),
    );
    expect(wider.status).toBe(400);
    expect(wider.json()).toMatchObject({ error: { code: 'invalid_scope' } });

    ebay.revoke(tokens.refreshToken);
    const revoked = await call('/v1/production/refresh', post({ refreshToken: tokens.refreshToken, scopes: SCOPES }));
    expect(revoked.status).toBe(400);
    expect(RelayErrorBodySchema.parse(revoked.json()).error.code).toBe('invalid_grant');
    expect(ebay.tokenCalls.map((c) => `${c.grantType} ${c.status}`)).toEqual([
      'authorization_code 200',
      'refresh_token 200',
      'refresh_token 400',
      'refresh_token 400',
    ]);
  });

  it('reports eBay trouble as ebay_unavailable and eBay refusing the keyset as relay_misconfigured', async () => {
    const { call, ebay } = await startRelayUnderTest();
    ebay.failWith = 503;
    const down = await call('/v1/production/token', post({ code: ebay.consent(SCOPES) }));
    expect(down.status).toBe(502);
    expect(down.json()).toMatchObject({ error: { code: 'ebay_unavailable' } });

    const wrong = await startRelayUnderTest({ EBAY_PRODUCTION_CLIENT_SECRET: 'not-the-secret-eBay-issued' });
    const refused = await wrong.call('/v1/production/app-token');
    expect(refused.status).toBe(502);
    expect(refused.json()).toMatchObject({ error: { code: 'relay_misconfigured' } });
    expect(wrong.ebay.tokenCalls).toEqual([{ grantType: 'client_credentials', status: 401 }]);
  });

  it('answers ebay_unavailable when eBay cannot be reached at all', async () => {
    const { call, ebay } = await startRelayUnderTest();
    const closed = await startRelayUnderTest({ EBAY_PRODUCTION_API_BASE: ebay.url });
    await ebay.close();
    const res = await closed.call('/v1/production/token', post({ code: 'v^1.1#any' }));
    expect(res.status).toBe(502);
    expect(res.json()).toMatchObject({ error: { code: 'ebay_unavailable' } });
    expect((await call('/v1/health')).status).toBe(200);
  });
});

describe('relay: application token', () => {
  it('is fetched once and shared, then renewed 5 minutes before it expires', async () => {
    const { call, ebay, clock } = await startRelayUnderTest();
    const [a, b] = await Promise.all([call('/v1/production/app-token'), call('/v1/production/app-token')]);
    const c = await call('/v1/production/app-token', { install: 'another-install-0001' });
    const first = AppTokenResponseSchema.parse(a.json());
    expect(AppTokenResponseSchema.parse(b.json())).toEqual(first);
    expect(AppTokenResponseSchema.parse(c.json())).toEqual(first);
    expect(first.expiresAt).toBe(new Date(clock.now + 7200_000).toISOString());
    expect(ebay.tokenCalls).toEqual([{ grantType: 'client_credentials', status: 200 }]);

    clock.now += 7200_000 - 5 * 60_000 - 1000; // 5 min 1 s left: still good
    expect(AppTokenResponseSchema.parse((await call('/v1/production/app-token')).json())).toEqual(first);
    expect(ebay.tokenCalls).toHaveLength(1);

    clock.now += 2000; // 4 min 59 s left: renewed
    const renewed = AppTokenResponseSchema.parse((await call('/v1/production/app-token')).json());
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(renewed.expiresAt).toBe(new Date(clock.now + 7200_000).toISOString());
    expect(ebay.tokenCalls).toHaveLength(2);
  });
});
