/**
 * Every call to eBay goes through here: over the trusted fetch, counted per API, and retried
 * when eBay asks (429) or stumbles (5xx), honouring Retry-After within bounds. A refused
 * token is handled one level up (`authorized`): one refresh, one retry.
 */
import type { EbayApiName } from '@shared/api';
import { EbayError, networkError } from './errors';
import type { UsageCounter } from './usage';
import { sleepUnlessAborted } from '../../abortable-sleep';

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  /** eBay asking for a longer wait than this is shown to the seller instead of waited out. */
  maxWaitMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { retries: 4, baseDelayMs: 500, maxWaitMs: 60_000 };

export interface Outgoing {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** Text, or bytes (a photo sent to the Media API as multipart form data). */
  body?: string | Uint8Array<ArrayBuffer>;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  sleepUnlessAborted(ms, signal, () => new EbayError('cancelled', 'Stopped.'));

/**
 * A signal for one request that follows the caller's. undici's Request listens on the signal it
 * is given until the Request is collected; an import hands thousands of requests one signal, and
 * its listeners pile up (each added one checks them all). Each request listens on its own instead.
 */
function follow(signal: AbortSignal | undefined): { signal?: AbortSignal; done: () => void } {
  if (!signal) return { done: () => undefined };
  const own = new AbortController();
  const onAbort = () => own.abort(signal.reason);
  if (signal.aborted) own.abort(signal.reason);
  else signal.addEventListener('abort', onAbort, { once: true });
  return { signal: own.signal, done: () => signal.removeEventListener('abort', onAbort) };
}

/** Retry-After in seconds or as a date; null when absent or unreadable. */
export function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export class EbayHttp {
  constructor(
    private readonly trusted: () => Promise<typeof globalThis.fetch>,
    private readonly usage: UsageCounter,
    private readonly policy: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async send(api: EbayApiName, out: Outgoing, signal?: AbortSignal): Promise<Response> {
    const doFetch = await this.trusted();
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new EbayError('cancelled', 'Stopped.');
      let res: Response;
      const request = follow(signal);
      try {
        res = await doFetch(out.url, {
          method: out.method,
          headers: out.headers,
          body: out.body,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw new EbayError('cancelled', 'Stopped.');
        if (attempt >= this.policy.retries) throw networkError(error, new URL(out.url).host);
        await sleep(this.backoff(attempt), signal);
        continue;
      } finally {
        request.done();
        this.usage.count(api);
      }
      if ((res.status !== 429 && res.status < 500) || attempt >= this.policy.retries) return res;
      const asked = retryAfterMs(res.headers.get('retry-after'));
      if (asked !== null && asked > this.policy.maxWaitMs) return res;
      await res.body?.cancel();
      await sleep(asked ?? this.backoff(attempt), signal);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.policy.maxWaitMs, this.policy.baseDelayMs * 2 ** attempt) * (0.5 + Math.random() / 2);
  }
}
