import { afterEach, describe, expect, it } from 'vitest';
import { relayFetch } from '../../src/relay/serverless';
import { AppTokenResponseSchema, HealthResponseSchema } from '../../src/shared/ebay/relay-protocol';
import { FakeEbay } from './fake-ebay';
import { CLIENT_ID, CLIENT_SECRET, DELETION_URL, RU_NAME, VERIFICATION_TOKEN } from './harness';

let ebay: FakeEbay | null = null;
afterEach(async () => {
  await ebay?.close();
});

// A serverless platform hands the function a Request and its bindings; no server is involved.
describe('relay as a serverless fetch handler', () => {
  it('answers 503 while unconfigured, then serves with the bindings it is given', async () => {
    const unconfigured = await relayFetch(new Request('https://relay.test/v1/health'), { PORT: '1' });
    expect(unconfigured.status).toBe(503);
    expect(await unconfigured.json()).toEqual({
      error: { code: 'relay_misconfigured', message: 'The relay is not configured.' },
    });

    ebay = await new FakeEbay({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ruName: RU_NAME }).start();
    const bindings = {
      EBAY_PRODUCTION_CLIENT_ID: CLIENT_ID,
      EBAY_PRODUCTION_CLIENT_SECRET: CLIENT_SECRET,
      EBAY_PRODUCTION_RUNAME: RU_NAME,
      EBAY_PRODUCTION_API_BASE: ebay.url,
      EBAY_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      EBAY_DELETION_ENDPOINT_URL: DELETION_URL,
      RELAY_CLIENT_IP_HEADER: 'CF-Connecting-IP',
    };
    const health = await relayFetch(new Request('https://relay.test/v1/health'), bindings);
    expect(HealthResponseSchema.parse(await health.json())).toEqual({ ok: true, environments: ['production'] });
    const request = () =>
      new Request('https://relay.test/v1/production/app-token', { headers: { 'cf-connecting-ip': '198.51.100.4' } });
    const first = AppTokenResponseSchema.parse(await (await relayFetch(request(), bindings)).json());
    const second = AppTokenResponseSchema.parse(await (await relayFetch(request(), bindings)).json());
    expect(second).toEqual(first);
    expect(ebay.tokenCalls).toEqual([{ grantType: 'client_credentials', status: 200 }]);
  });
});
