/**
 * Turns whatever an AI call threw into an error the seller can act on. The SDK wraps
 * network failures: the TLS or socket code sits several `cause`s deep (and inside an
 * AggregateError when both IPv4 and IPv6 were tried), so we dig it out.
 */
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { AiErrorInfo, AiErrorKind, ErrorCode } from '@shared/api';
import { AppError } from '../errors';
import { errorChain } from '../net/error-chain';
import { proxyFailure } from '../net/proxy-errors';
import { describeTlsFailure, errorCodes, TLS_HINT } from '../net/tls-errors';

// Kept here too: callers and tests import them with the AI's errors.
export { errorCodes, TLS_HINT };
import { logger } from '../log';
import { scrub } from '../log/scrub';

const log = logger('ai');

const CODE_FOR_KIND: Record<AiErrorKind, ErrorCode> = {
  tls: 'UNAVAILABLE',
  dns: 'UNAVAILABLE',
  refused: 'UNAVAILABLE',
  timeout: 'UNAVAILABLE',
  network: 'UNAVAILABLE',
  server: 'UNAVAILABLE',
  rate_limit: 'UNAVAILABLE',
  cancelled: 'UNAVAILABLE',
  unknown: 'UNAVAILABLE',
  auth: 'FORBIDDEN',
  quota: 'FORBIDDEN',
  budget: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  bad_request: 'BAD_REQUEST',
  no_key: 'BAD_REQUEST',
  ca_file: 'BAD_REQUEST',
  config: 'BAD_REQUEST',
};

export class AiError extends AppError {
  constructor(
    readonly kind: AiErrorKind,
    message: string,
    hint?: string,
    readonly retry: { retryable: boolean; afterMs?: number } = { retryable: false },
  ) {
    super(CODE_FOR_KIND[kind], message, hint);
    this.name = 'AiError';
  }

  info(): AiErrorInfo {
    return { kind: this.kind, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const UNREACHABLE = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN']);

export interface ErrorContext {
  baseUrl: string;
  model: string;
  /** Values that must never appear in a message (the API key). */
  secrets: readonly string[];
  /** Local servers (Ollama, LM Studio): "start it" is the likely fix when refused. */
  local?: boolean;
  /** The proxy calls go through (scheme, host and port only), if any. */
  proxy?: string | null;
  /** The CA certificate file, when it holds only intermediates: the root it lacks (see missingRoot). */
  caFileWithoutRoot?: { file: string; root: string } | null;
}

/** Removes the key, and anything shaped like a key, from text the provider sent back. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  // The log's rule too: a bearer token or credentials a provider quotes are not the seller's to see either.
  return scrub(out.replace(/\b(sk|rk|pk)-[A-Za-z0-9_*\-.]{4,}/g, '[redacted]')).slice(0, 400);
}

const portOf = (url: string) => {
  const u = new URL(url);
  return u.port || (u.protocol === 'https:' ? '443' : '80');
};

export function classify(error: unknown, ctx: ErrorContext): AiError {
  if (error instanceof AiError) return error;
  const classified = summarise(error, ctx);
  // What really failed stays with the summary as its cause, for the log only (which redacts it).
  Object.defineProperty(classified, 'cause', { value: error, configurable: true, writable: true });
  return classified;
}

function summarise(error: unknown, ctx: ErrorContext): AiError {
  if (error instanceof APIUserAbortError || (error as { name?: string })?.name === 'AbortError') {
    return new AiError('cancelled', 'The AI request was cancelled.');
  }
  if (error instanceof APIConnectionTimeoutError) {
    return new AiError(
      'timeout',
      `${host(ctx.baseUrl)} did not answer in time.`,
      'Try again; if it keeps happening, check your connection or pick a faster model.',
    );
  }
  if (error instanceof APIError && typeof error.status === 'number') return fromStatus(error, ctx);
  return fromNetwork(error, ctx);
}

function fromNetwork(error: unknown, ctx: ErrorContext): AiError {
  const codes = errorCodes(error);
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  const where = host(ctx.baseUrl);
  const viaProxy = ctx.proxy ? proxyFailure(error, ctx.proxy, where) : null;
  if (viaProxy) return new AiError('network', viaProxy.message, viaProxy.hint);
  const tls = describeTlsFailure(error, where, 'the base URL', ctx.caFileWithoutRoot);
  if (tls) return new AiError('tls', tls.message, tls.hint);
  if (has(DNS)) {
    return new AiError(
      'dns',
      `FlipSync could not find ${where} (the name does not resolve).`,
      'Check that you are online and that the base URL in Settings → AI is spelled right.',
    );
  }
  if (codes.includes('ECONNREFUSED')) {
    return new AiError(
      'refused',
      `Nothing is accepting connections at ${where}.`,
      ctx.local
        ? 'Start the local AI server (Ollama or LM Studio) and make sure it listens on that port.'
        : 'Check the base URL and port in Settings → AI.',
    );
  }
  if (has(TIMEOUT)) {
    return new AiError('timeout', `${where} did not answer in time.`, 'Check your connection and try again.', {
      retryable: true,
    });
  }
  if (has(RESET)) {
    return new AiError(
      'network',
      `The connection to ${where} was cut off.`,
      'Try again; FlipSync retries this a few times on its own.',
      { retryable: true },
    );
  }
  if (has(UNREACHABLE)) {
    return new AiError('network', `${where} cannot be reached from this network.`, 'Check that you are online.');
  }
  // fetch refuses some ports outright (1, 9, 25, 6000 …: the "bad ports" of the Fetch standard).
  if (errorChain(error).some((e) => e.message === 'bad port')) {
    return new AiError(
      'config',
      `FlipSync cannot call ${where}: web requests may not use port ${portOf(ctx.baseUrl)}.`,
      'Use the port your AI server listens on (Ollama: 11434, LM Studio: 1234) in Settings → AI → Base URL.',
    );
  }
  // The hint promises details in the log: the whole error goes there (the log's rule takes
  // secrets out), and only the summary to the seller.
  log.warn(`unclassified failure calling ${where}`, error);
  return new AiError(
    'unknown',
    `The AI request to ${where} failed${codes[0] ? ` (${codes[0]})` : ''}.`,
    'Try again; details are in the log.',
  );
}

function fromStatus(error: APIError, ctx: ErrorContext): AiError {
  const status = error.status as number;
  const body = (error.error ?? {}) as { message?: unknown; code?: unknown; type?: unknown };
  const said = typeof body.message === 'string' ? ` The provider said: “${redact(body.message, ctx.secrets)}”` : '';
  const where = host(ctx.baseUrl);
  if (status === 401 || status === 403) {
    return new AiError(
      'auth',
      `${where} refused the API key (${status}).`,
      'Paste a valid key in Settings → AI → API key; check that it belongs to this provider and has access to the model.',
    );
  }
  if (status === 404) {
    const aboutModel = body.code === 'model_not_found' || /model/i.test(String(body.message ?? ''));
    return aboutModel
      ? new AiError(
          'not_found',
          `The model “${ctx.model}” is not available at ${where}.${said}`,
          'Pick a model from the list in Settings → AI.',
        )
      : new AiError(
          'not_found',
          `${ctx.baseUrl} has no OpenAI-compatible API at that address (404).`,
          'Check the base URL in Settings → AI; it usually ends in /v1.',
        );
  }
  if (status === 429) {
    if (body.code === 'insufficient_quota' || body.type === 'insufficient_quota') {
      return new AiError(
        'quota',
        `Your ${where} account has run out of credit or quota.`,
        "Add credit or raise the limit in your provider's billing settings; retrying will not help.",
      );
    }
    const afterMs = retryAfterMs(error.headers);
    const wait = afterMs !== undefined ? ` Try again in ${Math.ceil(afterMs / 1000)} s.` : '';
    return new AiError(
      'rate_limit',
      `${where} is rate-limiting requests.${wait}`,
      'Wait a moment; FlipSync retries on its own when the wait is short.',
      { retryable: true, afterMs },
    );
  }
  if (status === 408) {
    return new AiError('timeout', `${where} timed out handling the request.`, 'Try again.', { retryable: true });
  }
  if (status >= 500) {
    return new AiError(
      'server',
      `${where} had a server error (${status}).`,
      'This is on the provider’s side; try again in a minute.',
      { retryable: true, afterMs: retryAfterMs(error.headers) },
    );
  }
  return new AiError(
    'bad_request',
    `${where} rejected the request (${status}).${said}`,
    'Check the model and base URL in Settings → AI.',
  );
}

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterMs(
  headers: Headers | Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  // Duck-typed: the Headers may come from the undici package, not the global class.
  const get = (name: string): string | null =>
    typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : ((headers as Record<string, string>)[name] ?? null);
  const ms = Number.parseFloat(get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = get('retry-after');
  if (!raw) return undefined;
  const seconds = Number.parseFloat(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function host(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
