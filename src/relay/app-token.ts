/**
 * The application token (client_credentials) of one keyset, kept in memory and shared by
 * every caller of this instance: eBay allows 1,000 such grants a day per keyset, so minting
 * one per request or per install would run out. Renewed 5 minutes before it expires; callers
 * arriving while a renewal is under way wait for that one call (single flight).
 */
import { EBAY_APP_SCOPE } from '../shared/ebay/relay-protocol';
import type { EbayOAuth } from './ebay-oauth';

const RENEW_BEFORE_MS = 5 * 60_000;

export interface AppToken {
  accessToken: string;
  expiresAt: Date;
}

export class AppTokenCache {
  private current: AppToken | null = null;
  private pending: Promise<AppToken> | null = null;

  constructor(
    private readonly oauth: EbayOAuth,
    private readonly now: () => number,
  ) {}

  get(): Promise<AppToken> {
    if (this.current && this.now() < this.current.expiresAt.getTime() - RENEW_BEFORE_MS) {
      return Promise.resolve(this.current);
    }
    this.pending ??= this.oauth
      .applicationToken(EBAY_APP_SCOPE)
      .then((grant) => {
        this.current = { accessToken: grant.accessToken, expiresAt: grant.accessTokenExpiresAt };
        return this.current;
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
