/** The double's plumbing: an HTTPS server on 127.0.0.1 (port 0) that hands requests to a handler. */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCa } from '../tls-ca';

export interface Req {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  /** The body's bytes (a multipart photo upload). */
  raw: Buffer;
}
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export async function listen(
  ca: TestCa,
  handle: (req: Req) => Reply | Promise<Reply>,
  /** True for a request the network should lose: its connection is cut without an answer. */
  lost: (req: Req) => boolean = () => false,
): Promise<{ server: Server; origin: string }> {
  const cert = await ca.issue();
  const server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const chunks: Uint8Array[] = [];
    req.on('data', (c: Buffer) => chunks.push(new Uint8Array(c)));
    req.on('end', () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      const request: Req = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'https://127.0.0.1'),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        raw: Buffer.concat(chunks),
      };
      if (lost(request)) {
        req.socket.destroy();
        return;
      }
      Promise.resolve()
        .then(() => handle(request))
        .then(
          (reply) => res.writeHead(reply.status, reply.headers).end(reply.body),
          (error: unknown) =>
            res.writeHead(599, { 'content-type': 'text/plain' }).end(`double failed: ${String(error)}`),
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `https://127.0.0.1:${port}` };
}
