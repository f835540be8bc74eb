/**
 * Notices that the machine slept: a timer that should fire every few seconds finds that far
 * more time passed. Works the same in Electron and browser mode (no power events needed), so
 * whatever must catch up after a sleep (eBay orders, waiting updates) hears of it in core.
 */
export interface WakeWatchOptions {
  everyMs?: number;
  /** Time beyond `everyMs` that counts as a sleep rather than a busy event loop. */
  slackMs?: number;
  now?: () => number;
}

/** Calls `onWake` after each sleep; answers a function that stops watching. */
export function watchWakes(onWake: (sleptMs: number) => void, options: WakeWatchOptions = {}): () => void {
  const { everyMs = 15_000, slackMs = 60_000, now = Date.now } = options;
  let last = now();
  const timer = setInterval(() => {
    const at = now();
    const slept = at - last - everyMs;
    last = at;
    if (slept > slackMs) onWake(slept);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
