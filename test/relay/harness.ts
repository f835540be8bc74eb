/**
 * Starts the real relay (createRelayApp under @hono/node-server, on 127.0.0.1 port 0) against
 * a FakeEbay, configured through the same environment-variable parser as `npm run relay`.
 * Every answer and log line is kept so a test can look for a leaked secret in all of them.
 */
import { afterEach } from 'vitest';
import { loadRelayConfig } from '../../src/relay/config';
import { startRelay, type RunningRelay } from '../../src/relay/server';
import { FakeEbay } from './fake-ebay';

// Canaries: if any of these shows up in an answer or a log line, a secret leaked.
export const CLIENT_SECRET = 'PRD-canary-secret-5e1c7a9b-d3f2-4a60-9e8b-0c7d6e5f4a3b';
export const VERIFICATION_TOKEN = 'canary_verification_token_8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e';
export const CLIENT_ID = 'FlipSync-PRD-0a1b2c3d4-5e6f7a8b';
export const RU_NAME = 'FlipSync-FlipSync-PRD-abcdefgh';
export const DELETION_URL = 'https://relay.flipsync.test/ebay/account-deletion';
export const INSTALL = 'install-0123456789abcdef';

export interface Exchange {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

export interface RelayUnderTest {
  ebay: FakeEbay;
  relay: RunningRelay;
  logs: string[];
  /** Everything the relay answered, headers and bodies, as text. */
  answers: string[];
  clock: { now: number };
  call(path: string, init?: RequestInit & { install?: string | null }): Promise<Exchange>;
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

export async function startRelayUnderTest(env: Record<string, string> = {}): Promise<RelayUnderTest> {
  const ebay = await new FakeEbay({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ruName: RU_NAME }).start();
  running.push(ebay);
  const config = loadRelayConfig({
    EBAY_PRODUCTION_CLIENT_ID: CLIENT_ID,
    EBAY_PRODUCTION_CLIENT_SECRET: CLIENT_SECRET,
    EBAY_PRODUCTION_RUNAME: RU_NAME,
    EBAY_PRODUCTION_API_BASE: ebay.url,
    EBAY_PRODUCTION_AUTH_BASE: `${ebay.url}/auth`,
    EBAY_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    EBAY_DELETION_ENDPOINT_URL: DELETION_URL,
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const clock = { now: Date.now() };
  const logs: string[] = [];
  const relay = await startRelay(config, { now: () => clock.now, logSink: (line) => logs.push(line) });
  running.push(relay);
  const answers: string[] = [];
  const call: RelayUnderTest['call'] = async (path, init = {}) => {
    const { install = INSTALL, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (install !== null) headers.set('X-FlipSync-Install', install);
    if (typeof rest.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const response = await fetch(relay.url + path, { ...rest, headers, redirect: 'manual' });
    const text = await response.text();
    const head: string[] = [];
    response.headers.forEach((v, k) => head.push(`${k}: ${v}`));
    answers.push(`${response.status}\n${head.join('\n')}\n\n${text}`);
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  };
  return { ebay, relay, logs, answers, clock, call };
}

export const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });
