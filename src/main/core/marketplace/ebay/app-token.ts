/**
 * The application token (client_credentials) for Browse: one request at a time, reused until
 * a minute before it runs out. Kept in memory only: it opens no seller data, eBay allows 1,000
 * a day per keyset, and a restart simply asks for a new one.
 */
import type { Grantor } from './grantors';

export class AppTokens {
  private live: { token: string; api: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly grantor: () => Promise<Grantor>,
    private readonly apiOrigin: () => Promise<string>,
  ) {}

  async get(): Promise<string> {
    const api = await this.apiOrigin();
    const live = this.live;
    if (live && live.api === api && live.expiresAt - Date.now() >= 60_000) return live.token;
    this.pending ??= this.mint(api).finally(() => (this.pending = null));
    return this.pending;
  }

  /** eBay refused the token (401): the next call asks for a new one. */
  forget(): void {
    this.live = null;
  }

  private async mint(api: string): Promise<string> {
    const grant = await (await this.grantor()).applicationToken();
    this.live = { token: grant.accessToken, api, expiresAt: Date.parse(grant.expiresAt) };
    return grant.accessToken;
  }
}
