/**
 * Who exchanges the consent code and refreshes tokens: the token relay (which holds
 * FlipSync's client secret; relay-protocol.md) or eBay itself with the seller's own keys.
 */
import { z } from 'zod';
import { AppTokenResponseSchema, EBAY_APP_SCOPE } from '@shared/ebay/relay-protocol';
import { EbayError, reconnect } from './errors';
import type { EbayHttp } from './http';

export interface UserTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  scopes: string[];
}
export type Refreshed = Pick<UserTokens, 'accessToken' | 'accessTokenExpiresAt' | 'scopes'>;

export interface Grantor {
  authorizeUrl(state: string, scopes: string[]): Promise<string>;
  exchange(code: string, scopes: string[]): Promise<UserTokens>;
  refresh(refreshToken: string, scopes: string[]): Promise<Refreshed>;
  /** An application token (client_credentials, base scope): Browse and Taxonomy. */
  applicationToken(): Promise<AppGrant>;
}

export interface AppGrant {
  accessToken: string;
  expiresAt: string;
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

const EbayTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.number().optional(),
});

/** The seller's own keyset: FlipSync talks to eBay's token endpoint itself. */
export class DirectGrantor implements Grantor {
  constructor(
    private readonly http: EbayHttp,
    private readonly keys: { clientId: string; clientSecret: string; ruName: string },
    private readonly hosts: { api: string; auth: string },
  ) {}

  async authorizeUrl(state: string, scopes: string[]): Promise<string> {
    const url = new URL('/oauth2/authorize', this.hosts.auth);
    url.search = new URLSearchParams({
      client_id: this.keys.clientId,
      redirect_uri: this.keys.ruName,
      response_type: 'code',
      scope: scopes.join(' '),
      state,
    }).toString();
    return url.toString();
  }

  async exchange(code: string, scopes: string[]): Promise<UserTokens> {
    const t = await this.token({ grant_type: 'authorization_code', code, redirect_uri: this.keys.ruName });
    if (!t.refresh_token || !t.refresh_token_expires_in)
      throw new EbayError('request', 'eBay answered the sign-in without a refresh token.');
    return {
      accessToken: t.access_token,
      accessTokenExpiresAt: inSeconds(t.expires_in),
      refreshToken: t.refresh_token,
      refreshTokenExpiresAt: inSeconds(t.refresh_token_expires_in),
      scopes,
    };
  }

  async refresh(refreshToken: string, scopes: string[]): Promise<Refreshed> {
    const t = await this.token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: scopes.join(' ') });
    return { accessToken: t.access_token, accessTokenExpiresAt: inSeconds(t.expires_in), scopes };
  }

  async applicationToken(): Promise<AppGrant> {
    const t = await this.token({ grant_type: 'client_credentials', scope: EBAY_APP_SCOPE });
    return { accessToken: t.access_token, expiresAt: inSeconds(t.expires_in) };
  }

  private async token(form: Record<string, string>): Promise<z.infer<typeof EbayTokenSchema>> {
    const basic = Buffer.from(`${this.keys.clientId}:${this.keys.clientSecret}`).toString('base64');
    const res = await this.http.send('oauth', {
      url: new URL('/identity/v1/oauth2/token', this.hosts.api).toString(),
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: string; error_description?: string };
    if (res.ok) return EbayTokenSchema.parse(body);
    if (body.error === 'invalid_grant') {
      if (form.grant_type === 'refresh_token') throw reconnect('the seller’s consent was withdrawn or ran out');
      throw new EbayError(
        'request',
        'eBay did not accept the sign-in code: it was used already or ran out.',
        'Connect again; finish within five minutes of agreeing on eBay’s page.',
      );
    }
    if (body.error === 'invalid_client')
      throw new EbayError(
        'request',
        'eBay did not accept the client id and secret.',
        'Check the client id and client secret (production and sandbox keys differ) in Settings → eBay.',
      );
    throw new EbayError(
      res.status >= 500 ? 'server' : 'request',
      `eBay’s sign-in refused the request: ${body.error ?? res.status}${body.error_description ? ` (${body.error_description})` : ''}.`,
    );
  }
}

const RelayUserTokensSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string(),
  scopes: z.array(z.string()),
});
const RelayRefreshSchema = RelayUserTokensSchema.pick({ accessToken: true, accessTokenExpiresAt: true, scopes: true });

/** FlipSync's token relay (relay-protocol.md): it holds the client secret, never the seller's tokens. */
export class RelayGrantor implements Grantor {
  constructor(
    private readonly http: EbayHttp,
    private readonly relay: { url: string; environment: string; installId: string },
  ) {}

  async authorizeUrl(state: string, scopes: string[]): Promise<string> {
    const body = await this.post('authorize-url', { state, scopes });
    return z.object({ url: z.url() }).parse(body).url;
  }

  async exchange(code: string, scopes: string[]): Promise<UserTokens> {
    const tokens = RelayUserTokensSchema.parse(await this.post('token', { code }));
    // A relay that does not echo the granted scopes granted what was asked (one unknown scope refuses all).
    return { ...tokens, scopes: tokens.scopes.length > 0 ? tokens.scopes : scopes };
  }

  async refresh(refreshToken: string, scopes: string[]): Promise<Refreshed> {
    return RelayRefreshSchema.parse(await this.post('refresh', { refreshToken, scopes }));
  }

  /** The relay shares one application token among its installs (eBay's quota is per keyset). */
  async applicationToken(): Promise<AppGrant> {
    return AppTokenResponseSchema.parse(await this.post('app-token'));
  }

  private async post(what: string, payload?: unknown): Promise<unknown> {
    const base = this.relay.url.replace(/\/+$/, '');
    const res = await this.http.send('oauth', {
      url: `${base}/v1/${this.relay.environment}/${what}`,
      method: payload === undefined ? 'GET' : 'POST',
      headers: {
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        'x-flipsync-install': this.relay.installId,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (res.ok) return body;
    const code = body.error?.code;
    if (code === 'invalid_grant') {
      if (what === 'refresh') throw reconnect('the seller’s consent was withdrawn or ran out');
      throw new EbayError(
        'request',
        'eBay did not accept the sign-in code: it was used already or ran out.',
        'Connect again; finish within five minutes of agreeing on eBay’s page.',
      );
    }
    const host = new URL(base).host;
    throw new EbayError(
      res.status >= 500 || res.status === 429 ? 'server' : 'request',
      `The FlipSync sign-in relay (${host}) refused: ${body.error?.message ?? `HTTP ${res.status}`}.`,
      'Check the relay address in Settings → eBay, or use your own developer keys.',
    );
  }
}
