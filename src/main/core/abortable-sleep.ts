/**
 * Waits `ms`, or rejects with `cancelled()` as soon as `signal` aborts; no listener is left
 * on the signal either way (callers share one signal across thousands of waits).
 */
export function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
