/**
 * One stop signal serves a whole import (thousands of calls): once a call is answered, it must
 * leave nothing listening on that signal, and stopping still stops a call in flight.
 */
import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/main/core/db/open';
import { EbayHttp } from '../../../src/main/core/marketplace/ebay/http';
import { UsageCounter } from '../../../src/main/core/marketplace/ebay/usage';
import { openDatabase } from '../../../src/main/core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('eBay calls and the stop signal', () => {
  let server: Server;
  let origin = '';
  let db: Database;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const held: (() => void)[] = [];
  beforeEach(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') held.push(() => res.end('late'));
      else res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await tempDir();
    db = await openDatabase(dir.path, 'local');
  });
  afterEach(async () => {
    for (const release of held.splice(0)) release();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
    await dir.remove();
  });

  it('leaves no listener behind per call, and still stops a call in flight', async () => {
    const usage = new UsageCounter(db);
    const http = new EbayHttp(async () => fetch, usage);
    const stop = new AbortController();
    for (let i = 0; i < 300; i++) {
      const res = await http.send('trading', { url: `${origin}/ok`, method: 'GET', headers: {} }, stop.signal);
      expect(await res.text()).toBe('ok');
    }
    expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);

    const pending = http.send('trading', { url: `${origin}/slow`, method: 'GET', headers: {} }, stop.signal);
    await expect.poll(() => held.length).toBe(1);
    stop.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    await usage.close();
  });
});
