/**
 * The relay as a Hono app: plain Request → Response, so the same app runs under
 * @hono/node-server (`npm run relay`, a container) or a serverless platform's fetch handler.
 * It keeps only caches (application tokens, eBay's signing keys, rate-limit buckets) in
 * memory and stores no user token, so instances share nothing.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import {
  AuthorizeUrlRequestSchema,
  INSTALL_HEADER,
  RefreshRequestSchema,
  RelayEnvironmentSchema,
  TokenRequestSchema,
  type AppTokenResponse,
  type AuthorizeUrlResponse,
  type HealthResponse,
  type RefreshResponse,
  type RelayEnvironment,
  type TokenResponse,
} from '../shared/ebay/relay-protocol';
import { challengeAnswer, NotificationVerifier } from './account-deletion';
import {
  declinePage,
  loopbackReturnAddress,
  missingCodePage,
  PAGE_HEADERS,
  pastePage,
  redirectTarget,
} from './accept-page';
import { AppTokenCache } from './app-token';
import type { EbayKeyset, RelayConfig } from './config';
import { EbayOAuth, type Fetch } from './ebay-oauth';
import { ebayUnavailable, RelayError } from './errors';
import { createRelayLog, stdoutSink, type LogSink } from './log';
import { RateLimiter } from './rate-limit';

export interface RelayDeps {
  fetch?: Fetch;
  /** Milliseconds since the epoch; tests move it to reach a token's expiry. */
  now?: () => number;
  logSink?: LogSink;
}

interface Keyed {
  keyset: EbayKeyset;
  oauth: EbayOAuth;
  appToken: AppTokenCache;
}

const JSON_LIMIT = 16 * 1024;
const NOTIFICATION_LIMIT = 64 * 1024;
const INSTALL_ID = /^[A-Za-z0-9_-]{8,128}$/;

export function createRelayApp(config: RelayConfig, deps: RelayDeps = {}): Hono {
  const fetchFn: Fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const now = deps.now ?? Date.now;
  const secrets = Object.values(config.keysets).map((k) => k.clientSecret);
  if (config.deletion) secrets.push(config.deletion.verificationToken);
  const log = createRelayLog(secrets, deps.logSink ?? stdoutSink, now);
  const limiter = new RateLimiter(config.rateLimitPerMinute, now);

  const keyed = new Map<RelayEnvironment, Keyed>();
  for (const keyset of Object.values(config.keysets)) {
    const oauth = new EbayOAuth(keyset, fetchFn, now);
    keyed.set(keyset.environment, { keyset, oauth, appToken: new AppTokenCache(oauth, now) });
  }
  // Account deletion notifications belong to the production keyset; a sandbox-only relay uses sandbox's.
  const notificationKeyset = keyed.get('production') ?? keyed.get('sandbox')!;
  const verifier = new NotificationVerifier(
    notificationKeyset.keyset.apiBase,
    notificationKeyset.appToken,
    fetchFn,
    now,
  );

  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof RelayError) return errorResponse(c, err);
    // Only the error's class: its message could quote a request.
    log.warn('unexpected_error', { name: err.name, path: c.req.path });
    return errorResponse(c, new RelayError(500, 'internal', 'The relay failed unexpectedly. Try again later.'));
  });
  app.notFound((c) => errorResponse(c, new RelayError(404, 'not_found', 'There is nothing at this address.')));

  app.use('*', async (c, next) => {
    const started = now();
    await next();
    log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms: now() - started });
  });

  app.get('/v1/health', (c) =>
    c.json({ ok: true, environments: [...keyed.keys()] } satisfies HealthResponse, 200, {
      'cache-control': 'no-store',
    }),
  );

  app.use('/v1/*', async (c, next) => {
    const install = c.req.header(INSTALL_HEADER);
    const key = install && INSTALL_ID.test(install) ? `install:${install}` : `addr:${clientAddress(c, config)}`;
    const decision = limiter.take(key);
    if (!decision.allowed) {
      throw new RelayError(
        429,
        'rate_limited',
        `Too many requests from this FlipSync. Try again in ${decision.retryAfterSeconds} seconds.`,
        decision.retryAfterSeconds,
      );
    }
    c.header('cache-control', 'no-store');
    await next();
  });
  app.use('/v1/*', bodyLimit({ maxSize: JSON_LIMIT, onError: tooLarge }));

  const keysetFor = (c: Context): Keyed => {
    const env = RelayEnvironmentSchema.safeParse(c.req.param('env'));
    if (!env.success) {
      throw new RelayError(404, 'unknown_environment', 'The eBay environment must be production or sandbox.');
    }
    const found = keyed.get(env.data);
    if (!found) {
      throw new RelayError(404, 'environment_not_configured', `This relay does not serve eBay ${env.data}.`);
    }
    return found;
  };

  app.post('/v1/:env/authorize-url', async (c) => {
    const { keyset } = keysetFor(c);
    const { state, scopes } = await readJson(c, AuthorizeUrlRequestSchema);
    // %20 between scopes, as eBay's own examples have it (URLSearchParams would write '+').
    const query = [
      ['client_id', keyset.clientId],
      ['redirect_uri', keyset.ruName],
      ['response_type', 'code'],
      ['scope', scopes.join(' ')],
      ['state', state],
    ]
      .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
      .join('&');
    return c.json({ url: `${keyset.authBase}/oauth2/authorize?${query}` } satisfies AuthorizeUrlResponse);
  });

  app.post('/v1/:env/token', async (c) => {
    const { oauth } = keysetFor(c);
    const { code, scopes } = await readJson(c, TokenRequestSchema);
    const grant = await oauth.exchangeCode(code);
    if (!grant.refreshToken || !grant.refreshTokenExpiresAt) throw ebayUnavailable();
    return c.json({
      accessToken: grant.accessToken,
      accessTokenExpiresAt: grant.accessTokenExpiresAt.toISOString(),
      refreshToken: grant.refreshToken,
      refreshTokenExpiresAt: grant.refreshTokenExpiresAt.toISOString(),
      scopes: grant.scopes ?? scopes ?? [],
    } satisfies TokenResponse);
  });

  app.post('/v1/:env/refresh', async (c) => {
    const { oauth } = keysetFor(c);
    const { refreshToken, scopes } = await readJson(c, RefreshRequestSchema);
    const grant = await oauth.refresh(refreshToken, scopes);
    return c.json({
      accessToken: grant.accessToken,
      accessTokenExpiresAt: grant.accessTokenExpiresAt.toISOString(),
      // eBay grants exactly the scopes asked for, or refuses the refresh.
      scopes: grant.scopes ?? scopes,
    } satisfies RefreshResponse);
  });

  app.get('/v1/:env/app-token', async (c) => {
    const token = await keysetFor(c).appToken.get();
    return c.json({
      accessToken: token.accessToken,
      expiresAt: token.expiresAt.toISOString(),
    } satisfies AppTokenResponse);
  });

  app.get('/accept', (c) => {
    const code = c.req.query('code');
    const state = c.req.query('state') ?? '';
    if (!code) return c.html(missingCodePage(), 400, PAGE_HEADERS);
    const back = loopbackReturnAddress(state);
    if (back) {
      // The code rides in the address: keep it out of caches and of the next page's Referer.
      c.header('referrer-policy', 'no-referrer');
      c.header('cache-control', 'no-store');
      return c.redirect(redirectTarget(back, code, state), 302);
    }
    return c.html(pastePage(publicUrl(c), code), 200, PAGE_HEADERS);
  });
  app.get('/decline', (c) => c.html(declinePage(), 200, PAGE_HEADERS));

  app.get('/ebay/account-deletion', (c) => {
    const deletion = requireDeletion(config);
    const challengeCode = c.req.query('challenge_code');
    if (!challengeCode) throw new RelayError(400, 'bad_request', 'challenge_code is missing.');
    const challengeResponse = challengeAnswer(challengeCode, deletion.verificationToken, deletion.endpointUrl);
    return c.json({ challengeResponse }, 200, { 'cache-control': 'no-store' });
  });

  app.post('/ebay/account-deletion', bodyLimit({ maxSize: NOTIFICATION_LIMIT, onError: tooLarge }), async (c) => {
    requireDeletion(config);
    const body = new Uint8Array(await c.req.arrayBuffer());
    await verifier.verify(body, c.req.header('x-ebay-signature'));
    log.info('account_deletion_acknowledged', { notificationId: notificationId(body) });
    return c.body(null, 204);
  });

  return app;
}

function errorResponse(c: Context, err: RelayError): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (err.retryAfter !== undefined) headers['retry-after'] = String(err.retryAfter);
  return c.json(err.body(), err.status, headers);
}

function tooLarge(c: Context): Response {
  return errorResponse(c, new RelayError(413, 'payload_too_large', 'The request body is too large.'));
}

async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new RelayError(400, 'bad_request', 'The request body must be JSON.');
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // Paths and our own messages only: zod's defaults may quote the input.
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  throw new RelayError(400, 'bad_request', `The request is not valid: ${issues.join('; ')}.`);
}

function requireDeletion(config: RelayConfig) {
  if (!config.deletion) throw new RelayError(404, 'not_found', 'Account deletion is not configured on this relay.');
  return config.deletion;
}

function clientAddress(c: Context, config: RelayConfig): string {
  if (config.clientIpHeader) {
    const forwarded = c.req.header(config.clientIpHeader)?.split(',').pop()?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The address the seller's browser used, for copying (https when a TLS proxy says so). */
function publicUrl(c: Context): string {
  const url = new URL(c.req.url);
  if (c.req.header('x-forwarded-proto') === 'https') url.protocol = 'https:';
  return url.href;
}

function notificationId(body: Uint8Array): string | null {
  try {
    const id = (JSON.parse(new TextDecoder().decode(body)) as { notification?: { notificationId?: unknown } })
      .notification?.notificationId;
    return typeof id === 'string' ? id.slice(0, 200) : null;
  } catch {
    return null;
  }
}
