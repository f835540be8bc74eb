/**
 * The relay keeps to the protocol the app's eBay client parses: every answer, success or
 * error, matches the shared schema exactly (no field missing, none extra), and every error
 * code is one the app knows.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppTokenResponseSchema,
  AuthorizeUrlResponseSchema,
  HealthResponseSchema,
  RefreshResponseSchema,
  RelayErrorCodeSchema,
  TokenResponseSchema,
} from '../../src/shared/ebay/relay-protocol';
import { post, startRelayUnderTest, type Exchange } from './harness';

const SCOPES = ['https://api.ebay.com/oauth/api_scope/sell.inventory'];
const exact = <T extends z.ZodObject>(schema: T) => z.strictObject(schema.shape);
const ErrorBody = z.strictObject({ error: z.strictObject({ code: RelayErrorCodeSchema, message: z.string().min(1) }) });

function expectJson(res: Exchange, status: number, schema: z.ZodType): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const parsed = schema.safeParse(res.json());
  expect(parsed.success ? null : parsed.error.issues).toBeNull();
}

describe('relay protocol contract', () => {
  it('answers every app route with exactly the shared success schema', async () => {
    const { call, ebay } = await startRelayUnderTest();
    expectJson(await call('/v1/health'), 200, exact(HealthResponseSchema));
    expectJson(
      await call('/v1/production/authorize-url', post({ state: 'n.x', scopes: SCOPES })),
      200,
      exact(AuthorizeUrlResponseSchema),
    );
    const token = await call('/v1/production/token', post({ code: ebay.consent(SCOPES) }));
    expectJson(token, 200, exact(TokenResponseSchema));
    const { refreshToken } = TokenResponseSchema.parse(token.json());
    expectJson(
      await call('/v1/production/refresh', post({ refreshToken, scopes: SCOPES })),
      200,
      exact(RefreshResponseSchema),
    );
    expectJson(await call('/v1/production/app-token'), 200, exact(AppTokenResponseSchema));
  });

  it('answers every failure with the shared error body, a known code and the documented status', async () => {
    const { call, ebay } = await startRelayUnderTest({ RELAY_RATE_LIMIT_PER_MINUTE: '9' });
    const cases: [string, Promise<Exchange>, number, string][] = [
      ['bad body', call('/v1/production/refresh', post({ scopes: SCOPES })), 400, 'bad_request'],
      ['unknown env', call('/v1/live/app-token'), 404, 'unknown_environment'],
      ['env not served', call('/v1/sandbox/app-token'), 404, 'environment_not_configured'],
      ['used code', call('/v1/production/token', post({ code: 'v^1.1#unknown' })), 400, 'invalid_grant'],
      ['no route', call('/v1/production/nothing'), 404, 'not_found'],
      ['too large', call('/v1/production/token', post({ code: 'x'.repeat(20_000) })), 413, 'payload_too_large'],
    ];
    for (const [name, pending, status, code] of cases) {
      const res = await pending;
      expectJson(res, status, ErrorBody);
      expect(res.json(), name).toMatchObject({ error: { code } });
    }
    ebay.failWith = 429;
    const throttled = await call('/v1/production/app-token');
    expectJson(throttled, 429, ErrorBody);
    expect(throttled.json()).toMatchObject({ error: { code: 'ebay_rate_limited' } });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);

    for (let i = 0; i < 3; i++) await call('/v1/production/app-token');
    const limited = await call('/v1/production/app-token');
    expectJson(limited, 429, ErrorBody);
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
