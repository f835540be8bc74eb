/**
 * eBay's marketplace account deletion endpoint: the challenge answer when the endpoint is
 * registered, and the check of each notification's signature. eBay signs the body with an
 * ECDSA key named by `kid` in the X-EBAY-SIGNATURE header; the key comes from the
 * Notification API's getPublicKey (with an application token) and is cached for an hour, as
 * eBay asks. The relay stores no eBay data, so a verified notification only needs answering.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AppTokenCache } from './app-token';
import { RelayError } from './errors';
import type { Fetch } from './ebay-oauth';
import { RateLimiter } from './rate-limit';

const KEY_TTL_MS = 60 * 60_000;
const UNKNOWN_KID_TTL_MS = 10 * 60_000;
const MAX_KEYS = 50;
const MAX_UNKNOWN_KIDS = 1000;
/**
 * getPublicKey calls allowed per minute per instance. Anyone can post a notification naming a
 * made-up kid; without this each would spend one of the keyset's 10,000 Notification calls a day.
 */
export const KEY_FETCHES_PER_MINUTE = 20;
const UPSTREAM_TIMEOUT_MS = 15_000;

export function challengeAnswer(challengeCode: string, verificationToken: string, endpointUrl: string): string {
  return createHash('sha256').update(challengeCode).update(verificationToken).update(endpointUrl).digest('hex');
}

const SignatureHeader = z.object({
  alg: z.string(),
  kid: z.string().regex(/^[A-Za-z0-9_.:-]{1,200}$/),
  signature: z.string().min(1),
  digest: z.string(),
});
const PublicKeyAnswer = z.object({ algorithm: z.string(), digest: z.string(), key: z.string().min(1) });

const DIGESTS: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

interface CachedKey {
  key: KeyObject | null;
  digest: string;
  until: number;
}

const unverifiable = (why: string) =>
  new RelayError(412, 'unverifiable', `The notification could not be verified: ${why}.`);

export class NotificationVerifier {
  // Known keys and unknown kids apart, so a flood of made-up kids cannot push eBay's key out.
  private readonly keys = new Map<string, CachedKey>();
  private readonly unknown = new Map<string, CachedKey>();
  private readonly pending = new Map<string, Promise<CachedKey>>();
  private readonly fetchBudget: RateLimiter;

  constructor(
    private readonly apiBase: string,
    private readonly appToken: AppTokenCache,
    private readonly fetchFn: Fetch,
    private readonly now: () => number,
  ) {
    this.fetchBudget = new RateLimiter(KEY_FETCHES_PER_MINUTE, now);
  }

  /** Resolves when `body` carries eBay's valid signature; otherwise throws a RelayError (412, or 503 when eBay is unreachable). */
  async verify(body: Uint8Array, signatureHeader: string | undefined): Promise<void> {
    if (!signatureHeader) throw unverifiable('the X-EBAY-SIGNATURE header is missing');
    let header: z.infer<typeof SignatureHeader>;
    try {
      header = SignatureHeader.parse(JSON.parse(Buffer.from(signatureHeader, 'base64').toString('utf8')));
    } catch {
      throw unverifiable('the X-EBAY-SIGNATURE header is not eBay’s signature format');
    }
    if (header.alg.toUpperCase() !== 'ECDSA') throw unverifiable('the signature is not ECDSA');
    const cached = await this.publicKey(header.kid);
    if (!cached.key) throw unverifiable('eBay does not know the signing key');
    const signature = new Uint8Array(Buffer.from(header.signature, 'base64'));
    const matches = (data: Uint8Array) => {
      try {
        return verify(cached.digest, new Uint8Array(data), { key: cached.key!, dsaEncoding: 'der' }, signature);
      } catch {
        return false;
      }
    };
    if (matches(body)) return;
    // eBay's own SDKs verify the compact JSON of the parsed body, so accept that form too.
    const compact = compactJson(body);
    if (compact && !sameBytes(compact, body) && matches(compact)) return;
    throw unverifiable('the signature does not match');
  }

  private async publicKey(kid: string): Promise<CachedKey> {
    const hit = this.keys.get(kid) ?? this.unknown.get(kid);
    if (hit && this.now() < hit.until) return hit;
    let pending = this.pending.get(kid);
    if (!pending) {
      const budget = this.fetchBudget.take('getPublicKey');
      if (!budget.allowed) {
        throw new RelayError(
          503,
          'ebay_unavailable',
          'Too many signing keys were asked for; send the notification again later.',
          budget.retryAfterSeconds,
        );
      }
      pending = this.fetchKey(kid).finally(() => this.pending.delete(kid));
      this.pending.set(kid, pending);
    }
    const entry = await pending;
    const cache = entry.key ? this.keys : this.unknown;
    cache.delete(kid);
    if (cache.size >= (entry.key ? MAX_KEYS : MAX_UNKNOWN_KIDS)) cache.delete(cache.keys().next().value!);
    cache.set(kid, entry);
    return entry;
  }

  private async fetchKey(kid: string): Promise<CachedKey> {
    const unreachable = new RelayError(
      503,
      'ebay_unavailable',
      'eBay’s signing key could not be fetched; send the notification again later.',
      60,
    );
    const token = await this.appToken.get().catch(() => {
      throw unreachable;
    });
    let response: Response;
    try {
      response = await this.fetchFn(`${this.apiBase}/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token.accessToken}`, accept: 'application/json' },
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch {
      throw unreachable;
    }
    if (response.status === 404 || response.status === 400) {
      await response.body?.cancel();
      return { key: null, digest: '', until: this.now() + UNKNOWN_KID_TTL_MS };
    }
    const answer = PublicKeyAnswer.safeParse(response.ok ? await response.json().catch(() => null) : null);
    if (!answer.success) throw unreachable;
    const digest = DIGESTS[answer.data.digest.toUpperCase().replace(/-/g, '')];
    const key = readPublicKey(answer.data.key);
    if (answer.data.algorithm.toUpperCase() !== 'ECDSA' || !digest || !key || key.asymmetricKeyType !== 'ec') {
      throw unreachable;
    }
    return { key, digest, until: this.now() + KEY_TTL_MS };
  }
}

function compactJson(body: Uint8Array): Uint8Array | null {
  try {
    return new TextEncoder().encode(JSON.stringify(JSON.parse(new TextDecoder().decode(body))));
  } catch {
    return null;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** eBay sends the PEM on one line (no line breaks); read its base64 body as DER instead. */
function readPublicKey(pem: string): KeyObject | null {
  const base64 = pem
    .replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '')
    .replace(/\\n/g, '')
    .replace(/\s+/g, '');
  try {
    return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}
