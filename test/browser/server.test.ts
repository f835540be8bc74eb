import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_PHOTO_BYTES } from '../../src/shared/api/photo-limits';
import { startBrowserServer, type BrowserServer } from '../../src/main/browser/server';
import type { Core } from '../../src/main/core/core';
import { startCore } from '../support/core';
import { tempDir } from '../support/temp-dir';

const TOKEN = 'test-token-0123456789';

/**
 * A real PNG of exactly `bytes` bytes: a tiny image padded with a private ancillary chunk,
 * which decoders skip, so the size is the seller's and the pixels stay cheap to thumbnail.
 */
async function pngOfSize(bytes: number): Promise<Buffer> {
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .png()
    .toBuffer();
  const iend = image.length - 12; // the last chunk: length, "IEND", CRC
  const size = bytes - image.length - 12;
  const chunk = Buffer.alloc(12 + size, 0x20);
  chunk.writeUInt32BE(size, 0);
  chunk.write('flPd', 4, 'latin1'); // ancillary, private, reserved bit clear, safe to copy
  // The casts bridge @types/node's Buffer generics and TypeScript's own Uint8Array typing.
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + size) as unknown as Uint8Array), 8 + size);
  return Buffer.concat([image.subarray(0, iend), chunk, image.subarray(iend)] as unknown as Uint8Array[]);
}

describe('browser-mode server', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let server: BrowserServer;
  let origin: string;

  beforeEach(async () => {
    dir = await tempDir();
    const rendererDir = path.join(dir.path, 'renderer');
    await mkdir(rendererDir);
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>FlipSync</title>');
    core = await startCore(path.join(dir.path, 'data'));
    server = await startBrowserServer({ core, rendererDir, token: TOKEN });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterEach(async () => {
    await server.close();
    await core.close();
    await dir.remove();
  });

  const open = (opts: { token?: string; origin?: string; host?: string } = {}) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${opts.token ?? TOKEN}`, {
        origin: opts.origin ?? origin,
        headers: opts.host ? { host: opts.host } : {},
      });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });

  /** Sends one frame and waits for the next result message; a dropped connection fails the call. */
  const exchange = (ws: WebSocket, frame: string) =>
    new Promise<{
      id: unknown;
      result: { ok: boolean; data?: unknown; error?: { code: string; message: string; fields?: unknown } };
    }>((resolve, reject) => {
      const onClose = (code: number, reason: Buffer) =>
        reject(new Error(`the server closed the connection (${code} ${String(reason)}) instead of answering`));
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data));
        if (message.type !== 'result') return;
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(message);
      };
      ws.on('message', onMessage);
      ws.once('close', onClose);
      ws.send(frame);
    });

  it('serves the renderer with a strict CSP, only under the loopback Host', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await fetch(`${origin}/../../etc/passwd`).then((r) => r.status)).toBe(404);
    // Malformed percent-encodings are the address's fault: 400, not an internal error.
    for (const bad of ['/%', '/%zz', '/%E0%A4%A', '/assets/%C0']) {
      const res = await fetch(`${origin}${bad}`);
      expect([bad, res.status, await res.text()]).toEqual([bad, 400, 'Bad address.']);
    }

    // A DNS-rebinding page arrives with its own host name in Host.
    const rebound = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) =>
        request({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: 'evil.example' } }, (res) =>
          resolve(res.statusCode ?? 0),
        ).end(),
      );
    });
    expect(rebound).toBe(421);
  });

  it('refuses a WebSocket without the token, from another origin, or under another Host', async () => {
    await expect(open({ token: 'wrong' })).rejects.toThrow('HTTP 403');
    await expect(open({ token: '' })).rejects.toThrow('HTTP 403');
    await expect(open({ origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open({ host: `evil.example:${server.port}` })).rejects.toThrow('HTTP 421');
    const ws = await open();
    ws.close();
  });

  it('closes while a tab holds a request half-sent and a refused upgrade half-open', async () => {
    const connect = () =>
      new Promise<Socket>((resolve) => {
        const socket = createConnection({ host: '127.0.0.1', port: server.port, allowHalfOpen: true }, () =>
          resolve(socket),
        );
      });
    const halfSent = await connect();
    halfSent.write(`GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`);
    const refused = await connect();
    const answer = new Promise<string>((resolve) => refused.once('data', (chunk) => resolve(String(chunk))));
    refused.write(
      `GET /api?token=wrong HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${origin}\r\n` +
        'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(await answer).toMatch(/^HTTP\/1.1 403/);
    // Neither client ends its side; the server must not wait for them (http.close() alone would).
    const ended = Promise.all([halfSent, refused].map((s) => new Promise((resolve) => s.once('end', resolve))));
    await server.close();
    await ended;
    for (const socket of [halfSent, refused]) socket.destroy();
  });

  it('answers malformed payloads with {ok:false} naming the bad field, and keeps serving', async () => {
    const ws = await open();
    const badField = await exchange(ws, JSON.stringify({ id: 1, route: 'settings.set', input: { ai: { model: 42 } } }));
    expect(badField.id).toBe(1);
    expect(badField.result.ok).toBe(false);
    expect(badField.result.error?.code).toBe('INVALID_INPUT');
    expect(badField.result.error?.message).toMatch(/^Check this value: Model: /);
    expect(badField.result.error?.fields).toEqual([{ path: 'ai.model', message: expect.any(String) }]);

    const notJson = await exchange(ws, '{"id": 2, "route": ');
    expect(notJson.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const noRoute = await exchange(ws, JSON.stringify({ id: 3, input: {} }));
    expect(noRoute.id).toBe(3);
    expect(noRoute.result.error?.message).toContain('route');

    const unknown = await exchange(ws, JSON.stringify({ id: 4, route: 'drop.tables', input: {} }));
    expect(unknown.result.error?.code).toBe('UNKNOWN_ROUTE');

    // Still serving, on the same socket and on a new one.
    const good = await exchange(ws, JSON.stringify({ id: 5, route: 'settings.set', input: { ai: { model: 'm1' } } }));
    expect(good.result.ok).toBe(true);
    const ws2 = await open();
    const read = await exchange(ws2, JSON.stringify({ id: 'a', route: 'settings.get' }));
    expect(read.result, JSON.stringify(read.result)).toMatchObject({ ok: true, data: { ai: { model: 'm1' } } });
    ws.close();
    ws2.close();
  });

  // One photo of 25 MB and its base64 held several times over: give it time on a busy machine.
  it('stores a photo at the size limit sent over the real WebSocket', { timeout: 60_000 }, async () => {
    const ws = await open();
    const created = await exchange(
      ws,
      JSON.stringify({ id: 1, route: 'inventory.create', input: { sku: 'BIG-1', title: 'Big photo' } }),
    );
    const itemId = (created.result.data as { id: string }).id;
    const png = await pngOfSize(MAX_PHOTO_BYTES);
    const frame = JSON.stringify({
      id: 2,
      route: 'photos.add',
      input: { itemId, fileName: 'big.png', base64: png.toString('base64') },
    });
    // More than the 32 MiB the server used to allow, which dropped such a photo's connection.
    expect(frame.length).toBeGreaterThan(32 * 1024 * 1024);
    const added = await exchange(ws, frame);
    expect(added.result.ok, JSON.stringify(added.result.error)).toBe(true);
    const stored = await exchange(ws, JSON.stringify({ id: 3, route: 'inventory.get', input: { id: itemId } }));
    expect((stored.result.data as { photos: { ext: string }[] }).photos).toMatchObject([{ ext: 'png' }]);
    const full = await exchange(
      ws,
      JSON.stringify({
        id: 4,
        route: 'photos.get',
        input: { hash: (added.result.data as { photo: { hash: string } }).photo.hash, size: 'full' },
      }),
    );
    expect((full.result.data as { bytes: number }).bytes).toBe(MAX_PHOTO_BYTES);
    ws.close();
  });

  it(
    'answers a photo one byte over the limit with {ok:false} saying why, and keeps the connection',
    { timeout: 60_000 },
    async () => {
      const ws = await open();
      const created = await exchange(
        ws,
        JSON.stringify({ id: 1, route: 'inventory.create', input: { sku: 'BIG-2', title: 'Too big' } }),
      );
      const itemId = (created.result.data as { id: string }).id;
      const png = await pngOfSize(MAX_PHOTO_BYTES + 1);
      const refused = await exchange(
        ws,
        JSON.stringify({
          id: 2,
          route: 'photos.add',
          input: { itemId, fileName: 'huge.png', base64: png.toString('base64') },
        }),
      );
      expect(refused.id).toBe(2);
      expect(refused.result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(refused.result.error?.message).toMatch(/^huge\.png is 25\.0 MB; photos can be at most 25 MB\.$/);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      const item = await exchange(ws, JSON.stringify({ id: 3, route: 'inventory.get', input: { id: itemId } }));
      expect(item.result).toMatchObject({ ok: true, data: { photos: [] } });
      ws.close();
    },
  );

  it('pushes core events to every connected page', async () => {
    const [a, b] = [await open(), await open()];
    const eventOn = (ws: WebSocket) =>
      new Promise<{ type: string; event: string; payload: { general: { theme: string } } }>((resolve) =>
        ws.on('message', (data) => {
          const msg = JSON.parse(String(data));
          if (msg.type === 'event') resolve(msg);
        }),
      );
    const seen = Promise.all([eventOn(a), eventOn(b)]);
    a.send(JSON.stringify({ id: 1, route: 'settings.set', input: { general: { theme: 'dark' } } }));
    for (const msg of await seen) {
      expect(msg).toMatchObject({ event: 'settings.changed', payload: { general: { theme: 'dark' } } });
    }
    a.close();
    b.close();
  });
});
