import { AiError } from './errors';
import { sleepUnlessAborted } from '../abortable-sleep';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff; doubles each retry, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A provider asking us to wait longer than this gets its error shown instead. */
  maxRetryAfterMs: number;
  /** Waits, or rejects when the signal aborts; replaceable so tests can see the waits. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepUnlessAborted(ms, signal, () => new AiError('cancelled', 'The AI request was cancelled.'));
}

/**
 * Runs `attempt` until it succeeds or fails with an error that retrying cannot fix.
 * Only errors classified retryable (rate limit, 5xx, dropped connection) are retried; the
 * provider's `retry-after` wins over our own backoff.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  classify: (error: unknown) => AiError,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const failure = classify(error);
      if (signal?.aborted)
        throw failure.kind === 'cancelled' ? failure : new AiError('cancelled', 'The AI request was cancelled.');
      if (!failure.retry.retryable || n >= policy.maxRetries) throw failure;
      const asked = failure.retry.afterMs;
      if (asked !== undefined && asked > policy.maxRetryAfterMs) throw failure;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n) * (0.5 + Math.random() / 2);
      await sleep(asked ?? backoff, signal);
    }
  }
}
