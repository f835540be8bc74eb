/**
 * Calls to eBay's OAuth token endpoint (`POST /identity/v1/oauth2/token`) with the keyset's
 * Basic credentials: code exchange, refresh, application token. eBay's answers are parsed
 * with zod; its errors become RelayErrors with our own words (its bodies are never passed on).
 */
import { z } from 'zod';
import type { EbayKeyset } from './config';
import { RelayError, ebayUnavailable, relayMisconfigured } from './errors';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

const TOKEN_PATH = '/identity/v1/oauth2/token';
const UPSTREAM_TIMEOUT_MS = 15_000;

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
  // eBay names the scopes only sometimes; a space-separated list when it does.
  scope: z.string().optional(),
});
const ErrorAnswer = z.object({ error: z.string() });

export interface TokenGrant {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken?: string;
  refreshTokenExpiresAt?: Date;
  scopes?: string[];
}

export class EbayOAuth {
  constructor(
    private readonly keyset: EbayKeyset,
    private readonly fetchFn: Fetch,
    private readonly now: () => number,
  ) {}

  exchangeCode(code: string): Promise<TokenGrant> {
    return this.grant({ grant_type: 'authorization_code', code, redirect_uri: this.keyset.ruName });
  }

  refresh(refreshToken: string, scopes: string[]): Promise<TokenGrant> {
    return this.grant({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopes.join(' ') });
  }

  applicationToken(scope: string): Promise<TokenGrant> {
    return this.grant({ grant_type: 'client_credentials', scope });
  }

  private async grant(form: Record<string, string>): Promise<TokenGrant> {
    const { clientId, clientSecret, apiBase } = this.keyset;
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    let response: Response;
    const startedAt = this.now();
    try {
      response = await this.fetchFn(apiBase + TOKEN_PATH, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
      });
    } catch {
      // The cause may quote the request; it is dropped on purpose.
      throw ebayUnavailable();
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) {
      const parsed = TokenAnswer.safeParse(body);
      if (!parsed.success) throw ebayUnavailable();
      const t = parsed.data;
      const at = (seconds: number) => new Date(startedAt + seconds * 1000);
      return {
        accessToken: t.access_token,
        accessTokenExpiresAt: at(t.expires_in),
        ...(t.refresh_token ? { refreshToken: t.refresh_token } : {}),
        ...(t.refresh_token_expires_in ? { refreshTokenExpiresAt: at(t.refresh_token_expires_in) } : {}),
        ...(t.scope ? { scopes: t.scope.split(/\s+/).filter(Boolean) } : {}),
      };
    }
    throw upstreamError(response, ErrorAnswer.safeParse(body).data?.error);
  }
}

function upstreamError(response: Response, oauthError: string | undefined): RelayError {
  if (response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new RelayError(
      429,
      'ebay_rate_limited',
      'eBay is limiting this relay’s calls right now. Try again later.',
      Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : 60,
    );
  }
  switch (oauthError) {
    case 'invalid_grant':
      return new RelayError(
        400,
        'invalid_grant',
        'eBay no longer accepts this sign-in (it was used already, expired or was revoked). Connect eBay again.',
      );
    case 'invalid_scope':
      return new RelayError(
        400,
        'invalid_scope',
        'eBay refused the permissions asked for: one of them is unknown or was not granted to this sign-in.',
      );
    case 'invalid_client':
    case 'unauthorized_client':
      return relayMisconfigured();
    case 'invalid_request':
    case 'unsupported_grant_type':
      return new RelayError(400, 'bad_request', 'eBay refused the request as malformed.');
  }
  if (response.status === 401) return relayMisconfigured();
  return ebayUnavailable();
}
