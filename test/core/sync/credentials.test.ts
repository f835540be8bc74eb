/**
 * The sync username and password go only to the server they were saved for: pointing sync
 * at another address (from the settings page, or by any code that can call the routes) does
 * not carry them along until the seller enters them for the new server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCouchServer, type CouchServer } from '../../support/couch-server';
import { eventually, startDevice, type Device } from './devices';

const USER = { username: 'seller', password: 'bound-to-a-pw' };
const basic = (u: typeof USER) => `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}`;

describe('sync credentials', () => {
  let a: CouchServer;
  let b: CouchServer;
  let device: Device;
  beforeEach(async () => {
    a = await startCouchServer({ user: USER });
    b = await startCouchServer({ user: { username: 'other', password: 'other-pw' } });
    device = await startDevice();
  });
  afterEach(async () => {
    await device.close();
    await a.close();
    await b.close();
  });

  it('are sent only to the server they were saved for', async () => {
    await device.call('sync.configure', { url: a.url, ...USER, enabled: true });
    await eventually(async () => expect((await device.status()).state).toBe('active'), 20_000);
    expect(a.authHeaders).toContain(basic(USER));

    // Another address, no credentials given: the saved ones stay behind.
    await device.call('sync.configure', { url: b.url, enabled: true });
    await eventually(async () => expect(b.authHeaders.length).toBeGreaterThan(0), 20_000);
    await eventually(async () => expect((await device.status()).state).toBe('error'), 20_000);
    expect(b.authHeaders).not.toContain(basic(USER));
    expect(await device.status()).toMatchObject({ hasCredentials: false });

    // Only a username for the new server: it does not go out with the old server's password.
    await device.call('sync.configure', { url: b.url, username: 'seller', enabled: true });
    await eventually(async () => expect((await device.status()).state).toBe('error'), 20_000);
    expect(b.authHeaders).not.toContain(basic({ username: 'seller', password: '' }));
    expect(await device.status()).toMatchObject({ hasCredentials: false });

    // Back to the first server: the password is still saved for it, with the username given again.
    await device.call('sync.configure', { url: a.url, username: USER.username, enabled: true });
    await eventually(
      async () => expect(await device.status()).toMatchObject({ state: 'active', hasCredentials: true }),
      20_000,
    );
  });
});
