/**
 * Sync trusts what the AI trusts: the same roots, CA file and proxy (net/trusted-fetches.ts),
 * and a certificate failure on sync reads exactly as it does on an AI call.
 */
import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TLS_HINT } from '../../../src/main/core/net/tls-errors';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { createTestCa, type TestCa } from '../../support/tls-ca';
import { eventually, newItemDoc, startDevice, type Device } from './devices';

const USER = { username: 'seller-proxy', password: 'pw-behind-the-proxy-77' };

describe('sync over HTTPS behind a CA the machine does not know, and through a proxy', () => {
  let ca: TestCa;
  let server: CouchServer;
  let device: Device | null = null;
  let proxy: ConnectProxy | null = null;
  beforeAll(async () => {
    ca = await createTestCa('Corp Sync');
    server = await startCouchServer({ user: USER, tls: { ...(await ca.issue()), ca: ca.rootPem } });
  });
  afterAll(() => server.close());
  afterEach(async () => {
    await device?.close();
    device = null;
    await proxy?.close();
    proxy = null;
  });
  // Nothing on the test machine's own store decides the outcome.
  const noSystem = async () => [];

  it('fails with the TLS hint without the CA file, and syncs once the CA file is set', async () => {
    device = await startDevice({ trust: { systemStore: noSystem, proxy: {} } });
    await device.inventory.put(newItemDoc({ sku: 'TLS-1' }, '2026-11-01T10:00:00.000Z'));
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    const failed = await eventually(async () => {
      const s = await device!.status();
      expect(s.state).toBe('error');
      return s;
    });
    expect(failed.reason).toBe(
      `The certificate of 127.0.0.1:${server.port} was issued by an authority FlipSync does not trust (unknown issuer).`,
    );
    expect(failed.hint).toBe(TLS_HINT);
    expect(server.authHeaders).toHaveLength(0);

    // The CA file the AI uses (Settings → AI → CA file) is the one sync uses.
    await device.call('settings.set', { ai: { caFile: await ca.writeRoot(device.dataDir) } });
    await eventually(async () => expect(await device!.status()).toMatchObject({ state: 'active', upToDate: true }));
    expect(
      (await server.db('flipsync-inventory').get<{ fields: { sku: string } }>((await first(device)).id)).fields.sku,
    ).toBe('TLS-1');
  });

  it('says what is wrong with a CA file it cannot use, as the AI does', async () => {
    device = await startDevice({ trust: { systemStore: noSystem, proxy: {} } });
    // Saving refuses a file that is not there; one removed after it was saved is found at sync.
    const caFile = await ca.writeRoot(device.dataDir);
    await device.call('settings.set', { ai: { caFile } });
    await rm(caFile);
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    const status = await device.status();
    expect(status.state).toBe('error');
    expect(status.reason).toBe(`There is no CA certificate file at ${caFile}.`);
  });

  it('goes through the CONNECT proxy in HTTPS_PROXY, checks still on, credentials never shown', async () => {
    proxy = await startConnectProxy({ username: 'corp', password: 'pr0xy-pass-9' });
    const viaProxy = `http://corp:pr0xy-pass-9@${new URL(proxy.url).host}`;
    device = await startDevice({ trust: { systemStore: noSystem, proxy: { httpsProxy: viaProxy } } });
    await device.inventory.put(newItemDoc({ sku: 'PROXY-1' }, '2026-11-01T10:00:00.000Z'));
    await device.call('settings.set', { ai: { caFile: await ca.writeRoot(device.dataDir) } });
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    await eventually(async () => expect(await device!.status()).toMatchObject({ state: 'active', upToDate: true }));
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`127.0.0.1:${server.port}`]));
    expect((await server.db('flipsync-inventory').info()).doc_count).toBeGreaterThanOrEqual(1);
  });

  it('names a proxy that wants other credentials, without repeating any', async () => {
    proxy = await startConnectProxy({ username: 'corp', password: 'right-pass' });
    const wrong = `http://corp:wr0ng-pass@${new URL(proxy.url).host}`;
    device = await startDevice({ trust: { systemStore: noSystem, proxy: { httpsProxy: wrong } } });
    await device.call('settings.set', { ai: { caFile: await ca.writeRoot(device.dataDir) } });
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    const status = await eventually(async () => {
      const s = await device!.status();
      expect(s.state).toBe('error');
      return s;
    });
    expect(status.reason).toBe(
      `The proxy ${proxy.url} wants a username and password (407 Proxy Authentication Required).`,
    );
    expect(JSON.stringify(status)).not.toMatch(/wr0ng-pass|corp:/);
    expect(proxy.refused).toBeGreaterThan(0);
  });
});

async function first(device: Device) {
  const { rows } = await device.inventory.allDocs({ startkey: 'item:', endkey: 'item:\uffff' });
  return rows[0]!;
}
