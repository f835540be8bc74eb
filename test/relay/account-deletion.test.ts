import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KEY_FETCHES_PER_MINUTE } from '../../src/relay/account-deletion';
import { DeletionChallengeResponseSchema } from '../../src/shared/ebay/relay-protocol';
import { DELETION_URL, VERIFICATION_TOKEN, startRelayUnderTest } from './harness';

// eBay's MARKETPLACE_ACCOUNT_DELETION payload, as its documentation shows it.
const notification = JSON.stringify({
  metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false },
  notification: {
    notificationId: '49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d',
    eventDate: '2026-03-19T20:43:59.462Z',
    publishDate: '2026-03-19T20:43:59.679Z',
    publishAttemptCount: 1,
    data: {
      username: 'test_user',
      userId: 'ma8vp1jySJC',
      eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==',
    },
  },
});

function signatureHeader(body: string, key: KeyObject, kid: string, digest = 'sha1'): string {
  const signature = sign(digest, new TextEncoder().encode(body), { key, dsaEncoding: 'der' }).toString('base64');
  return Buffer.from(JSON.stringify({ alg: 'ECDSA', kid, signature, digest: digest.toUpperCase() })).toString('base64');
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const KID = '99345f0b-7f6e-4d2c-9f3a-1b2c3d4e5f60';

describe('relay: marketplace account deletion', () => {
  it('answers the challenge with SHA-256 of code + verification token + endpoint URL', async () => {
    const { call } = await startRelayUnderTest();
    const challengeCode = 'a8628072-3d33-45ee-9004-bee86830a22d';
    const res = await call(`/ebay/account-deletion?challenge_code=${challengeCode}`, { install: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const expected = createHash('sha256')
      .update(`${challengeCode}${VERIFICATION_TOKEN}${DELETION_URL}`, 'utf8')
      .digest('hex');
    expect(DeletionChallengeResponseSchema.parse(res.json())).toEqual({ challengeResponse: expected });
    const missing = await call('/ebay/account-deletion', { install: null });
    expect(missing.status).toBe(400);
  });

  it('acknowledges a notification signed with the key eBay publishes, fetching that key once', async () => {
    const { call, ebay, logs } = await startRelayUnderTest();
    const { publicKey, privateKey } = p256();
    ebay.addPublicKey(KID, publicKey);
    for (let i = 0; i < 2; i++) {
      const res = await call('/ebay/account-deletion', {
        method: 'POST',
        body: notification,
        install: null,
        headers: {
          'content-type': 'application/json',
          'x-ebay-signature': signatureHeader(notification, privateKey, KID),
        },
      });
      expect(res.status).toBe(204);
    }
    expect(ebay.publicKeyCalls).toBe(1);
    expect(ebay.tokenCalls).toEqual([{ grantType: 'client_credentials', status: 200 }]);
    expect(logs.filter((l) => l.includes('account_deletion_acknowledged'))).toHaveLength(2);
    // Which account closed is eBay data: it is not logged.
    expect(logs.join('\n')).not.toContain('ma8vp1jySJC');
    expect(logs.join('\n')).not.toContain('test_user');
  });

  it('accepts the compact JSON form that eBay signs when the body arrives re-indented', async () => {
    const { call, ebay } = await startRelayUnderTest();
    const { publicKey, privateKey } = p256();
    ebay.addPublicKey(KID, publicKey);
    const pretty = JSON.stringify(JSON.parse(notification), null, 2);
    const res = await call('/ebay/account-deletion', {
      method: 'POST',
      body: pretty,
      install: null,
      headers: { 'x-ebay-signature': signatureHeader(notification, privateKey, KID) },
    });
    expect(res.status).toBe(204);
  });

  it('refuses with 412 a forged, tampered, unsigned or unknown-key notification', async () => {
    const { call, ebay } = await startRelayUnderTest();
    const real = p256();
    const forger = p256();
    ebay.addPublicKey(KID, real.publicKey);
    const tampered = notification.replace('ma8vp1jySJC', 'someoneElse');
    const cases: [string, Record<string, string>][] = [
      ['forged', { 'x-ebay-signature': signatureHeader(notification, forger.privateKey, KID) }],
      ['tampered', { 'x-ebay-signature': signatureHeader(notification, real.privateKey, KID) }],
      ['unsigned', {}],
      ['not a signature', { 'x-ebay-signature': 'bm90IGpzb24=' }],
      [
        'unknown key',
        { 'x-ebay-signature': signatureHeader(notification, forger.privateKey, 'kid-eBay-never-issued') },
      ],
    ];
    for (const [name, headers] of cases) {
      const res = await call('/ebay/account-deletion', {
        method: 'POST',
        body: name === 'tampered' ? tampered : notification,
        install: null,
        headers,
      });
      expect(res.status, name).toBe(412);
      expect(res.json(), name).toMatchObject({ error: { code: 'unverifiable' } });
    }
    // One fetch for the real key, one for the unknown kid; nothing for unreadable headers.
    expect(ebay.publicKeyCalls).toBe(2);
  });

  it('spends at most a set number of getPublicKey calls a minute on made-up kids, and keeps eBay’s key', async () => {
    const { call, ebay, clock } = await startRelayUnderTest();
    const real = p256();
    ebay.addPublicKey(KID, real.publicKey);
    const post = (kid: string, key = real.privateKey) =>
      call('/ebay/account-deletion', {
        method: 'POST',
        body: notification,
        install: null,
        headers: { 'x-ebay-signature': signatureHeader(notification, key, kid) },
      });
    expect((await post(KID)).status).toBe(204);
    const statuses: number[] = [];
    for (let i = 0; i < KEY_FETCHES_PER_MINUTE + 5; i++) statuses.push((await post(`made-up-${i}`)).status);
    expect(statuses.filter((s) => s === 412)).toHaveLength(KEY_FETCHES_PER_MINUTE - 1);
    expect(statuses.slice(KEY_FETCHES_PER_MINUTE - 1).every((s) => s === 503)).toBe(true);
    expect(ebay.publicKeyCalls).toBe(KEY_FETCHES_PER_MINUTE);
    // eBay's own key is still cached: its notifications go on being acknowledged.
    expect((await post(KID)).status).toBe(204);
    expect(ebay.publicKeyCalls).toBe(KEY_FETCHES_PER_MINUTE);
    clock.now += 60_000;
    expect((await post('made-up-later')).status).toBe(412);
  });

  it('asks eBay to send again (503) when the signing key cannot be fetched', async () => {
    const { ebay } = await startRelayUnderTest();
    const away = await startRelayUnderTest({ EBAY_PRODUCTION_API_BASE: ebay.url });
    await ebay.close();
    const { privateKey } = p256();
    const res = await away.call('/ebay/account-deletion', {
      method: 'POST',
      body: notification,
      install: null,
      headers: { 'x-ebay-signature': signatureHeader(notification, privateKey, KID) },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('60');
  });

  it('is absent on a sandbox-only relay without deletion settings', async () => {
    const { call } = await startRelayUnderTest({
      EBAY_PRODUCTION_CLIENT_ID: '',
      EBAY_PRODUCTION_CLIENT_SECRET: '',
      EBAY_PRODUCTION_RUNAME: '',
      EBAY_SANDBOX_CLIENT_ID: 'FlipSync-SBX-1',
      EBAY_SANDBOX_CLIENT_SECRET: 'SBX-secret-1234',
      EBAY_SANDBOX_RUNAME: 'FlipSync-SBX-runame',
      EBAY_VERIFICATION_TOKEN: '',
      EBAY_DELETION_ENDPOINT_URL: '',
    });
    const res = await call('/ebay/account-deletion?challenge_code=x', { install: null });
    expect(res.status).toBe(404);
    expect((await call('/v1/health')).json()).toEqual({ ok: true, environments: ['sandbox'] });
  });
});
