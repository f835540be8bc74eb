import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/api';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { eventually, newItemDoc, startDevice, type Device } from './devices';

const USER = { username: 'seller', password: 'resume-test-pw' };
const COUNT = 10_000;

describe('sync through a server restart', () => {
  let server: CouchServer;
  let a: Device;
  let b: Device | null = null;
  beforeEach(async () => {
    server = await startCouchServer({ user: USER });
    a = await startDevice();
  });
  afterEach(async () => {
    await a.close();
    await b?.close();
    await server.close();
  });

  it('delivers all 10k docs after the server is killed mid-replication and comes back', async () => {
    const at = new Date().toISOString();
    const docs = Array.from({ length: COUNT }, (_, n) => newItemDoc({ sku: `BULK-${n}`, title: `Item ${n}` }, at));
    for (let i = 0; i < COUNT; i += 1000) await a.inventory.bulkDocs(docs.slice(i, i + 1000));

    const states: SyncStatus['state'][] = [];
    a.core.events.on('sync.status', (s) => states.push(s.state));
    await a.call('sync.configure', { url: server.url, ...USER, enabled: true });

    const remote = server.db('flipsync-inventory');
    // Kill the server once part of the docs arrived, while replication is under way.
    const partial = await eventually(
      async () => {
        const count = (await remote.info()).doc_count;
        expect(count).toBeGreaterThan(0);
        return count;
      },
      30_000,
      5,
    );
    await server.stop();
    expect(partial).toBeLessThan(COUNT);
    await eventually(async () => expect((await a.status()).state).toBe('paused-offline'), 30_000);
    await server.restart();

    await eventually(async () => expect((await remote.info()).doc_count).toBe(COUNT), 150_000, 200);
    await eventually(async () =>
      expect(await a.status()).toMatchObject({ state: 'active', pending: 0, upToDate: true }),
    );
    expect(states).toContain('paused-offline');

    // A second device gets every one of them from the restarted server.
    b = await startDevice();
    await b.call('sync.configure', { url: server.url, ...USER, enabled: true });
    await eventually(async () => expect((await b?.inventory.info())?.doc_count).toBe(COUNT), 150_000, 200);
    const ids = (await b.inventory.allDocs()).rows.map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(docs.map((d) => d._id)));
  }, 400_000);
});
