import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RelayErrorBodySchema } from '../../src/shared/ebay/relay-protocol';
import { CLIENT_SECRET, VERIFICATION_TOKEN, post, startRelayUnderTest } from './harness';

const SCOPES = ['https://api.ebay.com/oauth/api_scope/sell.inventory'];

describe('relay: rate limit per client', () => {
  it('answers 429 with Retry-After once an install has spent its minute, without touching others', async () => {
    const { call, clock } = await startRelayUnderTest({ RELAY_RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await call('/v1/production/app-token')).status).toBe(200);
    const limited = await call('/v1/production/app-token');
    expect(limited.status).toBe(429);
    // One call comes back every 20 s at 3 a minute.
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(RelayErrorBodySchema.parse(limited.json()).error).toEqual({
      code: 'rate_limited',
      message: 'Too many requests from this FlipSync. Try again in 20 seconds.',
    });
    expect((await call('/v1/production/app-token', { install: 'a-different-install-42' })).status).toBe(200);
    // Health checks from a load balancer are never limited.
    expect((await call('/v1/health')).status).toBe(200);

    clock.now += 20_000;
    expect((await call('/v1/production/app-token')).status).toBe(200);
    expect((await call('/v1/production/app-token')).status).toBe(429);
  });

  it('falls back to the caller’s address without an install id, or to the configured header', async () => {
    const { call } = await startRelayUnderTest({ RELAY_RATE_LIMIT_PER_MINUTE: '2' });
    expect((await call('/v1/production/app-token', { install: null })).status).toBe(200);
    expect((await call('/v1/production/app-token', { install: 'short' })).status).toBe(200); // not an install id
    expect((await call('/v1/production/app-token', { install: null })).status).toBe(429);

    const behindProxy = await startRelayUnderTest({
      RELAY_RATE_LIMIT_PER_MINUTE: '1',
      RELAY_CLIENT_IP_HEADER: 'X-Forwarded-For',
    });
    const from = (ip: string) => ({ install: null, headers: { 'x-forwarded-for': `10.0.0.9, ${ip}` } });
    expect((await behindProxy.call('/v1/production/app-token', from('203.0.113.7'))).status).toBe(200);
    expect((await behindProxy.call('/v1/production/app-token', from('203.0.113.8'))).status).toBe(200);
    expect((await behindProxy.call('/v1/production/app-token', from('203.0.113.7'))).status).toBe(429);
  });
});

describe('relay: secrets', () => {
  it('never puts the client secret or verification token in an answer or a log line', async () => {
    const relay = await startRelayUnderTest({ RELAY_RATE_LIMIT_PER_MINUTE: '100' });
    const { call, ebay } = relay;
    // Every route, on its happy and its failing paths.
    await call('/v1/health');
    await call('/v1/production/authorize-url', post({ state: 's.t', scopes: SCOPES }));
    await call('/v1/production/authorize-url', post({ state: CLIENT_SECRET.repeat(100), scopes: [CLIENT_SECRET] }));
    const tokens = (await call('/v1/production/token', post({ code: ebay.consent(SCOPES) }))).json<{
      refreshToken: string;
    }>();
    await call('/v1/production/token', post({ code: 'v^1.1#reused' }));
    await call('/v1/production/refresh', post({ refreshToken: tokens.refreshToken, scopes: SCOPES }));
    ebay.revoke(tokens.refreshToken);
    await call('/v1/production/refresh', post({ refreshToken: tokens.refreshToken, scopes: SCOPES }));
    await call('/v1/production/app-token');
    await call('/v1/sandbox/app-token');
    await call('/accept?code=abc&state=x.y');
    await call('/decline');
    await call('/ebay/account-deletion?challenge_code=c');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signature = sign('sha1', new TextEncoder().encode('{}'), privateKey).toString('base64');
    const header = Buffer.from(JSON.stringify({ alg: 'ECDSA', kid: 'k1', signature, digest: 'SHA1' })).toString(
      'base64',
    );
    await call('/ebay/account-deletion', { method: 'POST', body: '{}', headers: { 'x-ebay-signature': header } });
    await call('/nowhere');
    ebay.failWith = 500;
    await call('/v1/production/token', post({ code: 'v^1.1#x' }));
    // eBay refusing the keyset: the path where a careless relay would quote its credentials.
    const wrong = await startRelayUnderTest({ EBAY_PRODUCTION_CLIENT_SECRET: `${CLIENT_SECRET}-old` });
    await wrong.call('/v1/production/token', post({ code: 'v^1.1#x' }));

    const everything = [...relay.answers, ...relay.logs, ...wrong.answers, ...wrong.logs];
    expect(relay.answers).toHaveLength(15);
    expect(relay.logs.length).toBeGreaterThanOrEqual(15);
    const base64Secret = Buffer.from(CLIENT_SECRET).toString('base64').slice(0, 40);
    for (const text of everything) {
      expect(text).not.toContain(CLIENT_SECRET);
      expect(text).not.toContain(VERIFICATION_TOKEN);
      expect(text).not.toContain(base64Secret);
    }
    // Nor do user tokens land in the log (they are only handed back to the app that asked).
    expect(relay.logs.join('\n')).not.toContain(tokens.refreshToken);
    expect(relay.logs.join('\n')).not.toContain('v^1.1#');
  });
});
