/**
 * A real CouchDB-protocol server for tests: express-pouchdb over PouchDB with LevelDB in a
 * temp folder, on 127.0.0.1 with an OS-chosen port. It can require basic auth, and it can
 * be stopped (every open connection cut, as a crashed server would) and started again on
 * the same port, so tests can prove that sync resumes by itself.
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import PouchDB from 'pouchdb';
import { tempDir } from './temp-dir';

const require = createRequire(import.meta.url);
// Neither ships types; they are only ever used here, through the small shapes below.
const express = require('express') as () => ExpressApp;
const expressPouchDB = require('express-pouchdb') as (
  pouch: unknown,
  opts: { mode: string; inMemoryConfig: boolean; logPath?: string },
) => Handler;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
interface ExpressApp {
  use(handler: Handler): void;
  (req: http.IncomingMessage, res: http.ServerResponse): void;
}

export interface CouchServerOptions {
  /** When set, every request must carry basic auth for this user. */
  user?: { username: string; password: string };
  /** Serve HTTPS with this certificate chain; `ca` is the root a client must trust to reach it. */
  tls?: { key: string; cert: string; ca: string };
}

export interface CouchServer {
  /** http(s)://127.0.0.1:<port> (no credentials in it). */
  url: string;
  port: number;
  /** Server-side handle on one database, for checking what arrived. */
  db(name: string): PouchDB.Database;
  /** Authorization headers seen so far (to prove credentials were sent, and how). */
  authHeaders: string[];
  /**
   * Holds the requests `match` picks (a slow server, for one kind of request) until released;
   * `held` resolves once the first one is waiting.
   */
  hold(match: (req: http.IncomingMessage) => boolean): { held: Promise<void>; release(): void };
  /** Cuts every connection and stops listening, like a crashed or restarting server. */
  stop(): Promise<void>;
  /** Listens again on the same port, with the same data. */
  restart(): Promise<void>;
  /** Stops for good and deletes the data folder. */
  close(): Promise<void>;
}

const authHeaderFor = (user: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

export async function startCouchServer(options: CouchServerOptions = {}): Promise<CouchServer> {
  const dir = await tempDir('flipsync-couch-');
  const ServerPouch = PouchDB.defaults({ prefix: `${dir.path}${path.sep}`, adapter: 'leveldb' } as object);
  const app = express();
  const authHeaders: string[] = [];
  if (options.user) {
    const expected = authHeaderFor(options.user);
    app.use((req, res, next) => {
      const header = req.headers.authorization ?? '';
      authHeaders.push(header);
      if (header === expected) return next();
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'unauthorized', reason: 'Name or password is incorrect.' }));
    });
  }
  let gate: { match: (req: http.IncomingMessage) => boolean; waiting: (() => void)[]; first: () => void } | null = null;
  app.use((req, _res, next) => {
    if (!gate?.match(req)) return next();
    gate.first();
    gate.waiting.push(next);
  });
  app.use(
    expressPouchDB(ServerPouch, {
      mode: 'minimumForPouchDB',
      inMemoryConfig: true,
      logPath: path.join(dir.path, 'log.txt'),
    }),
  );

  const opened = new Map<string, PouchDB.Database>();
  const sockets = new Set<Socket>();
  let server: http.Server | https.Server | null = null;
  let port = 0;

  const listen = async () => {
    const s = options.tls
      ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, app)
      : http.createServer(app);
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    await closed;
  };

  await listen();
  // express-pouchdb opens its list of databases in the background; wait for it, so a short
  // test never deletes the folder while that open is still under way.
  const scheme = options.tls ? 'https' : 'http';
  const status = await new Promise<number>((resolve, reject) => {
    const get = options.tls ? https.get : http.get;
    get(
      `${scheme}://127.0.0.1:${port}/_all_dbs`,
      {
        headers: options.user ? { authorization: authHeaderFor(options.user) } : {},
        ...(options.tls ? { ca: options.tls.ca } : {}),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    ).on('error', reject);
  });
  if (status !== 200) throw new Error(`the CouchDB-protocol test server did not start: HTTP ${status}`);
  authHeaders.length = 0;
  return {
    get url() {
      return `${scheme}://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    db(name) {
      let db = opened.get(name);
      if (!db) {
        db = new ServerPouch(name);
        opened.set(name, db);
      }
      return db;
    },
    authHeaders,
    hold(match) {
      let first!: () => void;
      const held = new Promise<void>((resolve) => (first = resolve));
      const current = { match, waiting: [] as (() => void)[], first };
      gate = current;
      return {
        held,
        release() {
          if (gate === current) gate = null;
          for (const next of current.waiting.splice(0)) next();
        },
      };
    },
    stop,
    restart: listen,
    async close() {
      await stop();
      await Promise.all([...opened.values()].map((db) => db.close().catch(() => undefined)));
      await dir.remove();
    },
  };
}
