/** The eBay double itself: it must refuse what eBay refuses, or the other eBay tests prove nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { createTestCa } from '../../support/tls-ca';
import { startEbayDouble, type EbayDouble } from '../../support/ebay/index';
import { BASE_SCOPE } from '../../support/ebay/oauth';

let ebay: EbayDouble;
let agent: Agent;
const get = (path: string, init: RequestInit = {}) =>
  undiciFetch(`${ebay.origin}${path}`, {
    ...(init as object),
    dispatcher: agent,
    redirect: 'manual',
  }) as unknown as Promise<Response>;
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = (body: Record<string, string>, auth = basic('app', 'secret')) =>
  get('/identity/v1/oauth2/token', {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });

beforeEach(async () => {
  const ca = await createTestCa('double');
  ebay = await startEbayDouble(ca);
  ebay.addApp({ clientId: 'app', clientSecret: 'secret', ruName: 'App-RuName' });
  agent = new Agent({ connect: { ca: ca.rootPem } });
});
afterEach(async () => {
  await ebay.close();
  await agent.close();
});

async function code(scope = 'https://api.ebay.com/oauth/api_scope/sell.inventory'): Promise<string> {
  const page = await (
    await get(
      `/oauth2/authorize?client_id=app&redirect_uri=App-RuName&response_type=code&scope=${encodeURIComponent(scope)}&state=s1`,
    )
  ).text();
  const agree = /id="agree" href="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
  const landed = new URL((await get(agree)).headers.get('location')!);
  expect(landed.searchParams.get('state')).toBe('s1');
  return landed.searchParams.get('code')!;
}

async function userToken(): Promise<{ access_token: string; refresh_token: string }> {
  return (await (
    await form({ grant_type: 'authorization_code', code: await code(), redirect_uri: 'App-RuName' })
  ).json()) as never;
}

describe('the eBay double', () => {
  it('checks the token endpoint as eBay does: client, RuName, single-use and expiring codes, scopes', async () => {
    expect(
      (
        await form(
          { grant_type: 'authorization_code', code: await code(), redirect_uri: 'App-RuName' },
          basic('app', 'wrong'),
        )
      ).status,
    ).toBe(401);
    expect(
      await (
        await form({ grant_type: 'authorization_code', code: await code(), redirect_uri: 'https://example.com/cb' })
      ).json(),
    ).toMatchObject({ error: 'invalid_request' });
    const once = await code();
    expect((await form({ grant_type: 'authorization_code', code: once, redirect_uri: 'App-RuName' })).status).toBe(200);
    expect(
      await (await form({ grant_type: 'authorization_code', code: once, redirect_uri: 'App-RuName' })).json(),
    ).toMatchObject({ error: 'invalid_grant' });
    const late = await code();
    ebay.state.clockOffset = 301;
    expect(
      await (await form({ grant_type: 'authorization_code', code: late, redirect_uri: 'App-RuName' })).json(),
    ).toMatchObject({ error: 'invalid_grant' });
    ebay.state.clockOffset = 0;
    const t = await userToken();
    expect(
      await (
        await form({
          grant_type: 'refresh_token',
          refresh_token: t.refresh_token,
          scope: 'https://api.ebay.com/oauth/api_scope/sell.account',
        })
      ).json(),
    ).toMatchObject({ error: 'invalid_scope' });
    expect(
      (
        await form({
          grant_type: 'refresh_token',
          refresh_token: t.refresh_token,
          scope: 'https://api.ebay.com/oauth/api_scope/sell.inventory',
        })
      ).status,
    ).toBe(200);
    expect(await (await form({ grant_type: 'client_credentials', scope: BASE_SCOPE })).json()).toMatchObject({
      token_type: 'Application Access Token',
    });
    // One unknown scope refuses the whole consent.
    const refused = await get(
      `/oauth2/authorize?client_id=app&redirect_uri=App-RuName&response_type=code&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fsell.nothing&state=s2`,
    );
    expect(new URL(refused.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses requests that break the Inventory contract or eBay’s unwritten rules, and records them', async () => {
    const { access_token } = await userToken();
    const auth = { authorization: `Bearer ${access_token}` };
    expect((await get('/sell/inventory/v1/inventory_item?limit=2', { headers: auth })).status).toBe(200);
    expect(ebay.violations).toEqual([]);
    expect((await get('/sell/inventory/v1/inventory_item?limit=500', { headers: auth })).status).toBe(400);
    expect((await get('/sell/inventory/v1/inventory_item?page=2', { headers: auth })).status).toBe(400);
    expect((await get('/sell/inventory/v1/offer', { headers: auth })).status).toBe(400);
    expect((await get('/sell/inventory/v1/inventory_items', { headers: auth })).status).toBe(404);
    expect(ebay.violations).toEqual([
      'getInventoryItems: limit must be 1 to 200',
      'getInventoryItems: unknown query parameter "page"',
      'getOffers: sku is required',
      'GET /sell/inventory/v1/inventory_items: no such operation in the inventory contract',
    ]);
    expect((await get('/sell/inventory/v1/inventory_item', { headers: { authorization: 'Bearer nope' } })).status).toBe(
      401,
    );
  });

  it('checks its own answers against the contract too', async () => {
    const { access_token } = await userToken();
    ebay.state.inventoryItems.push({ sku: 42 as unknown as string });
    await get('/sell/inventory/v1/inventory_item', { headers: { authorization: `Bearer ${access_token}` } });
    expect(ebay.violations).toEqual([
      'double answered against the contract: getInventoryItems: 200 response/inventoryItems/0/sku must be string',
    ]);
  });

  it('refuses Trading calls without the headers eBay requires', async () => {
    const { access_token } = await userToken();
    const body =
      '<?xml version="1.0"?><GetMyeBaySellingRequest xmlns="urn:ebay:apis:eBLBaseComponents"><ActiveList><Include>true</Include></ActiveList></GetMyeBaySellingRequest>';
    const ok = await get('/ws/api.dll', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'text/xml',
        'x-ebay-api-call-name': 'GetMyeBaySelling',
        'x-ebay-api-siteid': '0',
        'x-ebay-api-compatibility-level': '1349',
        'x-ebay-api-iaf-token': access_token,
      },
    });
    expect(await ok.text()).toContain('<Ack>Success</Ack>');
    const bad = await get('/ws/api.dll', {
      method: 'POST',
      body,
      headers: {
        'content-type': 'text/xml',
        'x-ebay-api-call-name': 'GetMyeBaySelling',
        'x-ebay-api-iaf-token': access_token,
      },
    });
    expect(await bad.text()).toContain('<Ack>Failure</Ack>');
    expect(ebay.violations).toEqual([
      'Trading GetMyeBaySelling: X-EBAY-API-SITEID is required',
      'Trading GetMyeBaySelling: X-EBAY-API-COMPATIBILITY-LEVEL is required',
    ]);
  });
});
