/** What the sync figures share: devices running the real core, and timing an edit's trip. */
import path from 'node:path';
import PouchDB from 'pouchdb';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { createCore, type Core } from '../../src/main/core/core';
import type { ItemDoc } from '../../src/main/core/inventory/docs';
import type { CouchServer } from '../../test/support/couch-server';
import { ms, now } from '../harness';

export const USER = { username: 'bench', password: 'bench-pw' };
export const opts = { adapter: 'leveldb' } as object;
const EDITS = 60;

export const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));
export const remoteOf = (server: CouchServer, name: string) =>
  new PouchDB(`${server.url}/${name}`, { auth: USER } as object);

export async function startDevice(dir: string): Promise<{ core: Core; inventory: PouchDB.Database }> {
  const core = await createCore(createBrowserPlatform(dir, 'bench'));
  // The same LevelDB store core uses (PouchDB shares it within the process).
  return { core, inventory: new PouchDB(path.join(dir, 'db', 'inventory'), opts) };
}

export async function configure(core: Core, server: CouchServer) {
  const result = await core.dispatch(
    'sync.configure',
    { url: server.url, ...USER, enabled: true },
    { transport: 'in-process' },
  );
  if (!result.ok) throw new Error(result.error.message);
}

export async function caughtUp(core: Core) {
  for (;;) {
    const result = await core.dispatch('sync.status', {}, { transport: 'in-process' });
    if (result.ok && (result.data as { upToDate: boolean }).upToDate) return;
    await sleep(20);
  }
}

export /** Edits on A, measured until B's changes feed shows the new revision. */
async function propagation(a: PouchDB.Database, b: PouchDB.Database, ids: string[]): Promise<number[]> {
  const waiting = new Map<string, () => void>();
  const feed = b.changes({ live: true, since: 'now', return_docs: false }).on('change', (c) => {
    waiting.get(`${c.id} ${c.changes[0]?.rev}`)?.();
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < EDITS; i++) {
      const id = ids[i % ids.length] as string;
      const doc = await a.get<ItemDoc>(id);
      doc.fields.listPrice = 10 + i;
      doc.fieldTimes.listPrice = new Date().toISOString();
      const start = now();
      const { rev } = await a.put(doc);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`edit ${i} did not arrive in 10 s`)), 10_000);
        waiting.set(`${id} ${rev}`, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      samples.push(ms(start));
      await sleep(20);
    }
  } finally {
    feed.cancel();
  }
  return samples.slice(5); // the first few warm up connections
}
