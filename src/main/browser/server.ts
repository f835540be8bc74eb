/**
 * Browser mode's server: serves the built renderer and carries the API contract over a
 * WebSocket. Binds to loopback only; checks Host and Origin so a web page elsewhere cannot
 * reach it through DNS rebinding; accepts no WebSocket without the per-run token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessageSchema, fail, type ServerMessage } from '@shared/api';
import { MAX_WIRE_MESSAGE_BYTES } from '@shared/api/photo-limits';
import type { Core } from '../core/core';
import { describeIssues } from '../core/router';
import { EBAY_CALLBACK_PATH, ebayCallback } from './ebay-callback';
import { logger } from '../core/log';
import { APP_CSP as CSP, CONTENT_TYPES } from '../page/headers';

const log = logger('browser');

export interface BrowserServerOptions {
  core: Core;
  rendererDir: string;
  token: string;
  port?: number;
}

export interface BrowserServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const { core, rendererDir, token } = options;
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const http = createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('FlipSync answers only on 127.0.0.1.');
      return;
    }
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === EBAY_CALLBACK_PATH) {
      ebayCallback(core, req, res).catch((error: unknown) => {
        log.error('eBay sign-in callback failed', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal error');
      });
      return;
    }
    serveStatic(rendererDir, req, res).catch((error: unknown) => {
      log.error('static file failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });

  // Every socket, so close() can end them: http.close() waits for each one, and a browser tab
  // may hold a refused upgrade half-open or a keep-alive connection mid-request for minutes.
  const sockets = new Set<Socket>();
  http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  // Large enough for the largest photo a call may carry; ws closes the socket on anything larger.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });
  http.on('upgrade', (req, socket, head) => {
    const reject = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(421, 'Misdirected Request');
    if (!allowedOrigins().has(req.headers.origin ?? '')) return reject(403, 'Forbidden');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api' || !tokenMatches(url.searchParams.get('token'), token)) {
      return reject(403, 'Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws) => {
    ws.on('message', (raw, isBinary) => {
      void handleMessage(core, ws, isBinary ? null : raw.toString());
    });
    ws.on('error', (error) => log.warn('socket error', error.message));
  });

  const unsubscribe = core.events.onAny((event, payload) => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (http.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`,
    close() {
      closing ??= (async () => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}

async function handleMessage(core: Core, ws: WebSocket, text: string | null): Promise<void> {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  let json: unknown;
  try {
    json = text === null ? undefined : JSON.parse(text);
  } catch {
    return send({ type: 'result', id: null, result: fail('BAD_REQUEST', 'The message is not valid JSON.') });
  }
  const message = ClientMessageSchema.safeParse(json);
  if (!message.success) {
    const fields = describeIssues(message.error.issues);
    const id = pickId(json);
    const list = (fields ?? []).map((f) => `${f.path}: ${f.message}`).join('; ');
    return send({
      type: 'result',
      id,
      result: fail('BAD_REQUEST', `A call needs {id, route, input}: ${list}`, { fields }),
    });
  }
  const result = await core.dispatch(message.data.route, message.data.input, { transport: 'websocket' });
  send({ type: 'result', id: message.data.id, result });
}

function pickId(json: unknown): string | number | null {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function tokenMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    // "/%" or "/%zz": the address is wrong, not the server (no 500, no stack trace in the log).
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('Bad address.');
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const body = await readFile(file);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
