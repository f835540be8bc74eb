/**
 * The seller's eBay account: signing in (consent URL, `state` check, code exchange), the
 * tokens (secret store, bound to eBay's origin), automatic refresh (one at a time), who is
 * signed in, and disconnecting. What is not secret (scopes, expiry times, user) is in the
 * local-only database.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { EbaySettings, EbayStatus } from '@shared/api';
import type { Database } from '../../db/open';
import { deleteBound, readBound, saveBound } from '../../platform/bound-secrets';
import type { SecretStore } from '../../platform/types';
import { EbayError, reconnect } from './errors';
import { DirectGrantor, RelayGrantor, type Grantor } from './grantors';
import { EBAY_SCOPES, ebayHosts } from './hosts';
import type { EbayHttp } from './http';
import { getUser } from './rest';
import type { UsageCounter } from './usage';

export const ACCESS_TOKEN = 'ebay.accessToken';
export const REFRESH_TOKEN = 'ebay.refreshToken';
export const CLIENT_SECRET = 'ebay.clientSecret';

const CONSENT_MINUTES = 10;
const WARN_DAYS = 30;

interface AccountDoc {
  _id: 'ebay-account';
  _rev?: string;
  environment: EbaySettings['environment'];
  apiOrigin: string;
  scopes: string[];
  accessTokenExpiresAt: string;
  refreshTokenExpiresAt: string;
  user: { userId: string; username: string } | null;
  connectedAt: string;
  needsReconnect: boolean;
  reason?: string;
}
interface PendingDoc {
  _id: 'ebay-consent';
  _rev?: string;
  state: string;
  createdAt: string;
}

async function getDoc<T>(db: Database, id: string): Promise<(T & { _rev: string }) | null> {
  try {
    return await db.get<T & { _rev: string }>(id);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

export class EbayAccount {
  private refreshing: Promise<string> | null = null;
  /**
   * The access token last read or issued, for the eBay origin it belongs to. An import makes
   * thousands of calls; each would otherwise read the account document and the secret store.
   * Every change of sign-in below replaces or clears it.
   */
  private live: { token: string; api: string; expiresAt: number } | null = null;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretStore,
    private readonly settings: () => Promise<EbaySettings>,
    private readonly http: EbayHttp,
    private readonly usage: UsageCounter,
  ) {}

  async setClientSecret(secret: string): Promise<void> {
    const origin = ebayHosts(await this.settings()).api;
    if (secret) await saveBound(this.secrets, CLIENT_SECRET, secret, origin);
    else await deleteBound(this.secrets, CLIENT_SECRET);
  }

  /** The consent address to open; `returnTo` is where the accept page hands the code back. */
  async begin(returnTo?: string): Promise<string> {
    const nonce = randomBytes(18).toString('base64url');
    const state = `${nonce}.${Buffer.from(returnTo ?? '').toString('base64url')}`;
    const prior = await getDoc<PendingDoc>(this.db, 'ebay-consent');
    await this.db.put<PendingDoc>({
      _id: 'ebay-consent',
      _rev: prior?._rev,
      state,
      createdAt: new Date().toISOString(),
    });
    return (await this.grantor()).authorizeUrl(state, EBAY_SCOPES);
  }

  /** Finishes signing in with the address the accept page ended on (captured or pasted). */
  async complete(pasted: string): Promise<void> {
    const url = URL.canParse(pasted) ? new URL(pasted) : null;
    const params = url ? url.searchParams : new URLSearchParams(pasted.replace(/^\?/, ''));
    const pending = await getDoc<PendingDoc>(this.db, 'ebay-consent');
    if (params.get('error')) {
      throw new EbayError(
        'request',
        params.get('error') === 'access_denied'
          ? 'You declined on eBay’s page; nothing was shared.'
          : `eBay did not start the sign-in (${params.get('error')}).`,
        'Click Connect to try again.',
      );
    }
    const code = params.get('code');
    const state = params.get('state') ?? '';
    if (!code)
      throw new EbayError(
        'request',
        'That address holds no sign-in code.',
        'Paste the whole address of the page eBay showed after you agreed.',
      );
    if (!pending || !sameText(pending.state, state)) {
      throw new EbayError(
        'request',
        'This sign-in was not started here (its state does not match), so it was refused.',
        'Click Connect in FlipSync and finish on the page it opens.',
      );
    }
    if (Date.now() - Date.parse(pending.createdAt) > CONSENT_MINUTES * 60_000) {
      throw new EbayError('request', 'This sign-in was started too long ago.', 'Click Connect again.');
    }
    await this.db.remove(pending._id, pending._rev);
    this.live = null;
    const settings = await this.settings();
    const hosts = ebayHosts(settings);
    const tokens = await (await this.grantor()).exchange(code, EBAY_SCOPES);
    await saveBound(this.secrets, ACCESS_TOKEN, tokens.accessToken, hosts.api);
    await saveBound(this.secrets, REFRESH_TOKEN, tokens.refreshToken, hosts.api);
    const user = await getUser(this.http, hosts.apiz, tokens.accessToken);
    const prior = await getDoc<AccountDoc>(this.db, 'ebay-account');
    await this.db.put<AccountDoc>({
      _id: 'ebay-account',
      _rev: prior?._rev,
      environment: settings.environment,
      apiOrigin: hosts.api,
      scopes: tokens.scopes,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
      user,
      connectedAt: new Date().toISOString(),
      needsReconnect: false,
    });
  }

  async disconnect(): Promise<void> {
    this.live = null;
    await deleteBound(this.secrets, ACCESS_TOKEN);
    await deleteBound(this.secrets, REFRESH_TOKEN);
    const doc = await getDoc<AccountDoc>(this.db, 'ebay-account');
    if (doc) await this.db.remove(doc._id, doc._rev);
  }

  /** Runs an eBay call with a valid access token; a refused token is refreshed once and the call retried. */
  async authorized<T>(run: (token: string) => Promise<T>): Promise<T> {
    const token = await this.access();
    try {
      return await run(token);
    } catch (error) {
      if (!(error instanceof EbayError) || error.kind !== 'auth') throw error;
      return run(await this.refresh(token));
    }
  }

  async status(): Promise<EbayStatus> {
    const settings = await this.settings();
    const hosts = ebayHosts(settings);
    const doc = await getDoc<AccountDoc>(this.db, 'ebay-account');
    const refresh = await readBound(this.secrets, REFRESH_TOKEN, hosts.api);
    const secret = await readBound(this.secrets, CLIENT_SECRET, hosts.api);
    const here = doc !== null && doc.apiOrigin === hosts.api && refresh.value !== null;
    const ends = here ? doc.refreshTokenExpiresAt : null;
    return {
      environment: settings.environment,
      signIn: settings.signIn,
      connected: here && !doc.needsReconnect,
      needsReconnect: here && doc.needsReconnect,
      ...(here && doc.reason ? { reason: doc.reason } : {}),
      user: here ? doc.user : null,
      scopes: here ? doc.scopes : [],
      connectedAt: here ? doc.connectedAt : null,
      consentExpiresAt: ends,
      consentEndingSoon: ends !== null && Date.parse(ends) - Date.now() < WARN_DAYS * 86_400_000,
      hasClientSecret: secret.value !== null,
      usage: await this.usage.today(),
    };
  }

  /** A current access token, renewed first when it runs out within a minute. */
  private async access(): Promise<string> {
    const hosts = ebayHosts(await this.settings());
    const live = this.live;
    if (live && live.api === hosts.api && live.expiresAt - Date.now() >= 60_000) return live.token;
    const doc = await getDoc<AccountDoc>(this.db, 'ebay-account');
    const token = (await readBound(this.secrets, ACCESS_TOKEN, hosts.api)).value;
    if (!doc || doc.apiOrigin !== hosts.api || !token)
      throw new EbayError('reconnect', 'No eBay account is connected.', 'Connect eBay in Settings → eBay.');
    if (doc.needsReconnect) throw reconnect(doc.reason ?? 'the consent was withdrawn or ran out');
    if (Date.parse(doc.accessTokenExpiresAt) - Date.now() < 60_000) return this.refresh(token);
    this.live = { token, api: hosts.api, expiresAt: Date.parse(doc.accessTokenExpiresAt) };
    return token;
  }

  /** One refresh at a time: callers holding the same stale token share it. */
  private refresh(stale: string): Promise<string> {
    this.refreshing ??= this.doRefresh(stale).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async doRefresh(stale: string): Promise<string> {
    const hosts = ebayHosts(await this.settings());
    const current = (await readBound(this.secrets, ACCESS_TOKEN, hosts.api)).value;
    const doc = await getDoc<AccountDoc>(this.db, 'ebay-account');
    if (!doc) throw new EbayError('reconnect', 'No eBay account is connected.', 'Connect eBay in Settings → eBay.');
    // Renewed meanwhile by another caller (and still good): use that.
    if (current && current !== stale && Date.parse(doc.accessTokenExpiresAt) - Date.now() > 60_000) return current;
    const refreshToken = (await readBound(this.secrets, REFRESH_TOKEN, hosts.api)).value;
    if (!refreshToken)
      throw new EbayError('reconnect', 'No eBay account is connected.', 'Connect eBay in Settings → eBay.');
    try {
      const next = await (await this.grantor()).refresh(refreshToken, doc.scopes);
      await saveBound(this.secrets, ACCESS_TOKEN, next.accessToken, hosts.api);
      await this.db.put<AccountDoc>({ ...doc, accessTokenExpiresAt: next.accessTokenExpiresAt, scopes: next.scopes });
      this.live = { token: next.accessToken, api: hosts.api, expiresAt: Date.parse(next.accessTokenExpiresAt) };
      return next.accessToken;
    } catch (error) {
      if (error instanceof EbayError && error.kind === 'reconnect') {
        this.live = null;
        await this.db.put<AccountDoc>({
          ...doc,
          needsReconnect: true,
          reason: 'eBay no longer accepts the sign-in (consent withdrawn or expired).',
        });
      }
      throw error;
    }
  }

  async grantor(): Promise<Grantor> {
    const settings = await this.settings();
    const hosts = ebayHosts(settings);
    if (settings.signIn === 'relay') {
      if (!settings.relayUrl)
        throw new EbayError(
          'request',
          'No relay address is set.',
          'Enter the relay address in Settings → eBay, or use your own developer keys.',
        );
      return new RelayGrantor(this.http, {
        url: settings.relayUrl,
        environment: settings.environment,
        installId: await this.installId(),
      });
    }
    const secret = (await readBound(this.secrets, CLIENT_SECRET, hosts.api)).value;
    if (!settings.clientId || !settings.ruName || !secret) {
      throw new EbayError(
        'request',
        'Your developer keys are incomplete.',
        'Enter the client id, client secret and RuName of your eBay keyset in Settings → eBay.',
      );
    }
    return new DirectGrantor(
      this.http,
      { clientId: settings.clientId, clientSecret: secret, ruName: settings.ruName },
      hosts,
    );
  }

  /** A random id per data folder, sent to the relay for rate limiting only. */
  private async installId(): Promise<string> {
    const doc = await getDoc<{ _id: string; id: string }>(this.db, 'ebay-install');
    if (doc) return doc.id;
    const id = randomBytes(12).toString('hex');
    await this.db.put({ _id: 'ebay-install', id });
    return id;
  }
}

function sameText(a: string, b: string): boolean {
  const x = new Uint8Array(Buffer.from(a));
  const y = new Uint8Array(Buffer.from(b));
  return x.length === y.length && timingSafeEqual(x, y);
}
