/**
 * Per-client rate limit: a token bucket per key (install id, else address) holding up to
 * `perMinute` calls and refilling at `perMinute` a minute. In memory and per instance: with
 * several instances behind a load balancer each enforces its own share, which is enough to
 * stop one runaway install from spending the keyset's daily eBay quota.
 */

// Beyond this many clients, full buckets (idle clients) are dropped to bound memory.
const MAX_KEYS = 50_000;

interface Bucket {
  tokens: number;
  at: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.set(key, bucket, now);
      return { allowed: true };
    }
    this.set(key, bucket, now);
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  private set(key: string, bucket: Bucket, now: number): void {
    // Re-inserted so that the Map's order runs from least to most recently seen.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size <= MAX_KEYS) return;
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(k);
    }
    // Still full of active clients: forget the least recently seen.
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break;
      this.buckets.delete(k);
    }
  }
}
