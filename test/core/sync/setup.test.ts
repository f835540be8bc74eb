import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/api';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { inProcess } from '../../support/core';
import { eventually, newItemDoc, startDevice, type Device } from './devices';

const USER = { username: 'seller-7731', password: 'pw-Zq8!kL2-never-log-me' };

describe('sync settings and status', () => {
  let server: CouchServer;
  let device: Device;
  beforeEach(async () => {
    server = await startCouchServer({ user: USER });
    device = await startDevice();
  });
  afterEach(async () => {
    await device.close();
    await server.close();
  });

  it('is off until configured, and says so from the real state', async () => {
    const status = await device.status();
    expect(status).toMatchObject({ state: 'off', url: '', hasCredentials: false, pending: 0, lastSyncedAt: null });
  });

  it('rejects http:// to another host, and credentials inside the address', async () => {
    const plain = await device.core.dispatch(
      'sync.configure',
      { url: 'http://couch.example.com:5984', enabled: true },
      inProcess,
    );
    expect(plain).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!plain.ok) expect(plain.error.message).toMatch(/https/);

    const inUrl = await device.core.dispatch(
      'sync.configure',
      { url: `https://${USER.username}:${USER.password}@couch.example.com`, enabled: true },
      inProcess,
    );
    expect(inUrl.ok).toBe(false);
    expect(JSON.stringify(inUrl)).not.toContain(USER.password);

    // The same rule holds when the address arrives through settings.set.
    const viaSettings = await device.core.dispatch(
      'settings.set',
      { sync: { url: 'http://10.0.0.5:5984' } },
      inProcess,
    );
    expect(viaSettings.ok).toBe(false);
    for (const url of ['https://couch.example.com', 'http://localhost:5984', 'http://127.0.0.1:5984/couch']) {
      const ok = await device.core.dispatch('settings.set', { sync: { url } }, inProcess);
      expect(ok.ok, url).toBe(true);
    }
  });

  it('says why the server cannot be reached: a name that does not resolve, or nothing answering', async () => {
    await device.call('sync.configure', { url: 'https://sync.flipsync-test.invalid:6984', enabled: true });
    await eventually(async () =>
      expect(await device.status()).toMatchObject({
        state: 'paused-offline',
        reason: expect.stringMatching(/^The name sync\.flipsync-test\.invalid:6984 does not resolve/),
        hint: expect.stringMatching(/Check the server address/),
      }),
    );
    await server.stop();
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    await eventually(async () =>
      expect((await device.status()).reason).toMatch(new RegExp(`^Nothing answers at 127\\.0\\.0\\.1:${server.port}`)),
    );
  });

  it('syncs with credentials that never land in a database, the status or an error', async () => {
    const inventory = device.inventory;
    await inventory.put(newItemDoc({ sku: 'A-1' }, '2026-11-01T10:00:00.000Z'));
    const seen: SyncStatus[] = [];
    device.core.events.on('sync.status', (s) => seen.push(s));

    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    const up = await eventually(async () => {
      const s = await device.status();
      expect(s).toMatchObject({ state: 'active', upToDate: true, pending: 0, hasCredentials: true });
      return s;
    });
    expect(up.lastSyncedAt).not.toBeNull();
    expect((await server.db('flipsync-inventory').info()).doc_count).toBe(1);
    expect(server.authHeaders.length).toBeGreaterThan(0);

    // The status event follows the real state (coalesced, so wait for it).
    await eventually(() => expect(seen.some((s) => s.state === 'active' && s.upToDate)).toBe(true));

    // Wrong password: an error the seller can act on, with nothing secret in it.
    await device.call('sync.configure', { url: server.url, password: 'wrong-Pa55-word', enabled: true });
    const bad = await eventually(async () => {
      const s = await device.status();
      expect(s.state).toBe('error');
      return s;
    });
    expect(bad.reason).toMatch(/username or password/);

    await eventually(() => expect(seen.some((s) => s.state === 'error')).toBe(true));
    const everything = JSON.stringify({ seen, bad, up });
    for (const secret of [
      USER.password,
      'wrong-Pa55-word',
      Buffer.from(`${USER.username}:${USER.password}`).toString('base64'),
    ]) {
      expect(everything).not.toContain(secret);
      for (const name of ['local', 'inventory', 'chat', 'agents']) {
        const dump = await dumpDatabase(device, name);
        expect(dump, `${name} database`).not.toContain(secret);
      }
    }
  });

  it('stops and starts on request, counting what waits to be pushed', async () => {
    await device.call('sync.configure', { url: server.url, ...USER, enabled: true });
    await eventually(async () => expect(await device.status()).toMatchObject({ state: 'active', upToDate: true }));
    const stopped = await device.call<SyncStatus>('sync.stop');
    expect(stopped.state).toBe('off');

    await device.inventory.bulkDocs([1, 2, 3].map((n) => newItemDoc({ sku: `P-${n}` }, new Date().toISOString())));
    expect((await device.status()).pending).toBe(3);

    await device.call('sync.start');
    await eventually(async () => expect(await device.status()).toMatchObject({ state: 'active', pending: 0 }));
    expect((await server.db('flipsync-inventory').info()).doc_count).toBe(3);
  });
});

/** Every document (with _local ones) of a core database, as text. */
async function dumpDatabase(device: Device, name: string): Promise<string> {
  const { default: PouchDB } = await import('pouchdb');
  const path = await import('node:path');
  const db = new PouchDB(path.join(device.dataDir, 'db', name), { adapter: 'leveldb' } as object);
  const all = await db.allDocs({ include_docs: true });
  const locals = await Promise.all(
    ['_local/sync-state', '_local/sync-resolver'].map((id) => db.get(id).catch(() => null)),
  );
  return JSON.stringify([all.rows, locals]);
}
