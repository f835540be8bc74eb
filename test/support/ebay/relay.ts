/**
 * The real token relay (src/relay, configured through its own environment parser) in front of
 * the eBay double, for the app's eBay tests. The relay leaves TLS to whatever stands before it
 * (a load balancer, a platform); here that is a Node HTTPS server with a certificate from the
 * test CA, so the app reaches it over https:// exactly as it reaches a deployed relay.
 */
import { serve } from '@hono/node-server';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRelayApp } from '../../../src/relay/app';
import { loadRelayConfig } from '../../../src/relay/config';
import type { DoubleApp } from './state';
import type { TestCa } from '../tls-ca';

export interface TestRelay {
  origin: string;
  acceptUrl: string;
  /** Install ids the app sent, one per request. */
  installs: string[];
  /** The relay's log lines (a test looks for leaked secrets in them). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * `app` is FlipSync's keyset at eBay; it is registered with the double only after the relay
 * listens (its accept address names the relay), so the relay is built on the first request.
 */
export async function startTestRelay(
  ca: TestCa,
  ebayOrigin: string,
  app: () => DoubleApp,
  trust: typeof fetch,
): Promise<TestRelay> {
  const installs: string[] = [];
  const logs: string[] = [];
  let relay: ReturnType<typeof createRelayApp> | null = null;
  const relayApp = () => {
    const a = app();
    relay ??= createRelayApp(
      loadRelayConfig({
        EBAY_PRODUCTION_CLIENT_ID: a.clientId,
        EBAY_PRODUCTION_CLIENT_SECRET: a.clientSecret,
        EBAY_PRODUCTION_RUNAME: a.ruName,
        EBAY_PRODUCTION_API_BASE: ebayOrigin,
        EBAY_PRODUCTION_AUTH_BASE: ebayOrigin,
        EBAY_VERIFICATION_TOKEN: 'test_verification_token_0123456789abcdef',
        EBAY_DELETION_ENDPOINT_URL: `${ebayOrigin}/ebay/account-deletion`,
        // Many tests sign in and refresh within a minute from one address.
        RELAY_RATE_LIMIT_PER_MINUTE: '100000',
      }),
      { fetch: trust, logSink: (line) => logs.push(line) },
    );
    return relay;
  };
  const cert = await ca.issue();
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req) => {
          // The app's calls carry its install id; the seller's browser on /accept carries none.
          if (new URL(req.url).pathname.startsWith('/v1/')) installs.push(req.headers.get('x-flipsync-install') ?? '');
          return relayApp().fetch(req);
        },
        port: 0,
        hostname: '127.0.0.1',
        createServer,
        serverOptions: { key: cert.key, cert: cert.cert },
        overrideGlobalObjects: false,
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    acceptUrl: `${origin}/accept`,
    installs,
    logs,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
