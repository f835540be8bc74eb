/**
 * The relay as a Node HTTP server (@hono/node-server) on the configured host and port. TLS
 * is the job of the load balancer or platform in front of it.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createRelayApp, type RelayDeps } from './app';
import type { RelayConfig } from './config';

export interface RunningRelay {
  server: ServerType;
  /** http://host:port, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export function startRelay(config: RelayConfig, deps: RelayDeps = {}): Promise<RunningRelay> {
  const app = createRelayApp(config, deps);
  return new Promise((resolve, reject) => {
    const server = serve(
      // The platform's Request and Response stay as they are: other code may share the process.
      { fetch: app.fetch, port: config.port, hostname: config.host, overrideGlobalObjects: false },
      (info: AddressInfo) => {
        const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
        resolve({
          server,
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done, fail) => {
              server.close((err) => (err ? fail(err) : done()));
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      },
    );
    server.once('error', reject);
  });
}
