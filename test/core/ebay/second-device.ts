/**
 * A second device of the same seller in eBay tests: a real core on its own data folder,
 * signed in to the same eBay account (its own sign-in, as on a second computer), both devices
 * syncing through the CouchDB test server.
 */
import type { Settings } from '../../../src/shared/api';
import type { CouchServer } from '../../support/couch-server';
import { consent, OWN_SECRET, type EbayHarness } from '../../support/ebay/harness';
import { seedSite } from '../../support/ebay/index';
import { startDevice, type Device } from '../sync/devices';

export interface SecondDeviceOptions {
  /** eBay settings beyond the double's addresses (the sign-in kind, keys). */
  ebay?: Partial<Settings['ebay']>;
  /** The client secret, for a sign-in with the seller's own keys. */
  secret?: string;
  /** Where the consent returns (browser mode's loopback address). */
  returnTo?: string;
}

export async function startSecondDevice(
  h: EbayHarness,
  server: CouchServer,
  user: { username: string; password: string },
  options: SecondDeviceOptions = {},
): Promise<Device> {
  const b = await startDevice();
  await b.call('settings.set', {
    ai: { caFile: await h.ca.writeRoot(b.dataDir) },
    ebay: { apiBase: h.ebay.origin, authBase: h.ebay.origin, ...options.ebay },
  });
  if (options.secret) await b.call('ebay.setClientSecret', { secret: options.secret });
  const { url } = await b.call<{ url: string }>(
    'ebay.connect.begin',
    options.returnTo ? { returnTo: options.returnTo } : {},
  );
  await b.call('ebay.connect.complete', { url: await consent(h.browser, url) });
  for (const call of [h.call, b.call]) await call('sync.configure', { url: server.url, ...user, enabled: true });
  return b;
}

/**
 * The usual start of a two-device stock test: `listings` site listings imported on the first
 * device (signed in through the relay), then a laptop signed in with the seller's own keys
 * (so the double can tell its calls apart), both syncing.
 */
export async function importedOnTwoDevices(
  h: EbayHarness,
  server: CouchServer,
  user: { username: string; password: string },
  listings: number,
): Promise<Device> {
  seedSite(h.ebay.state, listings);
  await h.connect('relay');
  await h.call('settings.set', { ebay: { importPictures: false } });
  await h.call('ebay.import.start');
  await h.core.ebay.importer.idle();
  const status = await h.call<{ state: string }>('ebay.import.status');
  if (status.state !== 'done') throw new Error(`the import ended ${status.state}`);
  return startSecondDevice(h, server, user, {
    ebay: { signIn: 'own-keys', clientId: h.ownApp.clientId, ruName: h.ownApp.ruName },
    secret: OWN_SECRET,
  });
}
