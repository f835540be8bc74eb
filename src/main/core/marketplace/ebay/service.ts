/**
 * eBay in core: the account, the client plumbing and the listing import, built from the
 * settings. Calls go over the same trusted fetch as the AI (bundled roots, the OS store, the
 * CA file from Settings → AI, HTTPS_PROXY; verification never off).
 */
import type { EbayImportStatus, EbayStatus } from '@shared/api';
import type { Database } from '../../db/open';
import type { EventBus } from '../../events';
import type { PhotoService } from '../../inventory/photos/service';
import type { InventoryService } from '../../inventory/service';
import { MAX_PHOTO_BYTES, MAX_PHOTO_LABEL } from '@shared/api/photo-limits';
import type { TrustedFetches } from '../../net/trusted-fetches';
import type { SecretStore } from '../../platform/types';
import type { SettingsStore } from '../../settings/store';
import type { CategoryChoice, MarketComps } from '@shared/api/agents';
import type { Item, PhotoRef } from '@shared/domain/inventory';
import { EbayListing } from './listing/listing';
import { EbayAccount } from './account';
import { AppTokens } from './app-token';
import { EbayError } from './errors';
import { ebayHosts } from './hosts';
import { findComparables } from './market';
import { Taxonomy } from './taxonomy';
import { EbayHttp, type RetryPolicy } from './http';
import { EbayImport } from './import';
import { OrderPoller } from './order-poller';
import { Outbox } from './outbox';
import { UsageCounter } from './usage';
import { logger } from '../../log';
import { watchWakes } from '../../wake-watch';

const log = logger('ebay');

export interface EbayServiceDeps {
  local: Database;
  secrets: SecretStore;
  settings: SettingsStore;
  events: EventBus;
  inventory: InventoryService;
  /** Where imported listings' first pictures are stored; without it none are fetched. */
  photos?: PhotoService;
  /** The process's one trusted fetch, shared with the AI and sync; closed by whoever made it. */
  trust: TrustedFetches;
  /** For tests that need shorter waits; the default honours eBay's Retry-After up to a minute. */
  retry?: RetryPolicy;
  /** Whether sync is bringing in other devices' changes now (quantities wait for the merged stock). */
  syncCatchingUp?: () => boolean;
  /** A photo's original, for uploading to eBay (from the sync server first when only its thumbnail is here). */
  readPhoto?: (photo: PhotoRef) => Promise<Buffer | null>;
}

/** The catch-up after start waits this long, so it never slows the first window. */
const CATCH_UP_AFTER_MS = 1000;
/** After a poll that could not reach eBay, the next is this soon, doubling while it stays away. */
const FIRST_RETRY_MS = 5_000;
/** An import makes thousands of calls: the CA file is looked at again at most this often. */
const CA_FILE_LOOK_MS = 2000;

export class EbayService {
  readonly account: EbayAccount;
  readonly importer: EbayImport;
  readonly orders: OrderPoller;
  readonly outbox: Outbox;
  /** Listing setup, preflight and the publish queue. */
  readonly listing: EbayListing;
  /** The inventory eBay's sales are taken into (for the activity view). */
  readonly inventory: InventoryService;
  private readonly usage: UsageCounter;
  private readonly http: EbayHttp;
  private readonly appTokens: AppTokens;
  private readonly taxonomy: Taxonomy;
  private ordersTimer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;
  private readonly stopWakeWatch: () => void;
  private nextPollAt: string | null = null;
  private closing = false;

  constructor(private readonly deps: EbayServiceDeps) {
    this.usage = new UsageCounter(deps.local);
    this.inventory = deps.inventory;
    const http = new EbayHttp(() => this.trustedFetch(), this.usage, deps.retry);
    this.http = http;
    const settings = () => deps.settings.section('ebay');
    this.account = new EbayAccount(deps.local, deps.secrets, settings, http, this.usage);
    this.appTokens = new AppTokens(
      () => this.account.grantor(),
      async () => ebayHosts(await settings()).api,
    );
    this.taxonomy = new Taxonomy(
      http,
      async () => ebayHosts(await settings()).api,
      () => this.appTokens.get(),
    );
    const parts = {
      local: deps.local,
      inventory: deps.inventory,
      account: this.account,
      http,
      events: deps.events,
      settings,
    };
    this.orders = new OrderPoller({ ...parts, nextPollAt: () => this.nextPollAt });
    // Stock out: every stock change of a linked item, whatever made it, queues its quantity for eBay.
    this.outbox = new Outbox({ ...parts, syncCatchingUp: deps.syncCatchingUp ?? (() => false) });
    deps.inventory.live.onApplied((result) => this.outbox.stockChanged(result.stock));
    void this.outbox.reconcile().then(() => this.outbox.drain());
    // Turned back on in Settings: what waited goes now.
    deps.events.on('settings.changed', () => void this.outbox.drain());
    // Sync caught up: what waited for the merged stock goes now.
    deps.events.on('sync.status', () => this.outbox.syncSettled());
    // A first look soon after start (the catch-up), then every few minutes (a setting): eBay
    // advises polling, and a desktop app cannot receive its notifications.
    this.scheduleOrders(CATCH_UP_AFTER_MS);
    // Back from sleep: catch up at once.
    this.stopWakeWatch = watchWakes(() => this.pollSoon());
    this.listing = new EbayListing({
      ...parts,
      settings: () => deps.settings.get(),
      saveSettings: async (patch) => void (await deps.settings.set({ ebay: patch })),
      suggest: (q, site) => this.withAppToken(() => this.taxonomy.suggest(q, site, 3)),
      aspects: (id, site) => this.withAppToken(() => this.taxonomy.aspects(id, site)),
      forgetAspects: (id, site) => this.taxonomy.forget(id, site),
      readPhoto: deps.readPhoto ?? (async () => null),
      listed: (l) => this.outbox.known([l]),
      listingKind: (listing) => this.outbox.kindOf(listing),
      migrated: (m) => this.outbox.migrated(m.listing, m.offerId),
    });
    // Publishes asked before a restart (or offline) go on.
    void this.listing.publisher.drain();
    this.importer = new EbayImport({
      ...parts,
      outbox: this.outbox,
      ...(deps.photos
        ? {
            pictures: {
              photos: deps.photos,
              fetchPicture: (url, signal) => this.fetchPicture(url, signal),
              pictureOf: async (hash, url) =>
                this.listing.publisher.jobs.keepImage((await settings()).environment, hash, url, null),
            },
          }
        : {}),
    });
  }

  status(): Promise<EbayStatus> {
    return this.account.status();
  }

  /**
   * The status after a sign-in change, also sent to every window: in browser mode the sign-in
   * finishes in another tab (at /ebay/callback) and Settings → eBay must follow it.
   */
  async announce(): Promise<EbayStatus> {
    const status = await this.status();
    this.deps.events.emit('ebay.status', status);
    // Just connected: updates and publishes that waited for a connection go now.
    if (status.connected) {
      void this.outbox.drain();
      void this.listing.publisher.drain();
    }
    return status;
  }

  /** Live eBay listings like `item`, in the seller's currency; null when eBay is not connected. */
  comparables(item: Item, currency: string, signal?: AbortSignal): Promise<MarketComps | null> {
    return this.withAppToken(async (api, token) =>
      findComparables(item, {
        http: this.http,
        api,
        token,
        marketplaceId: marketplaceFor(currency),
        currency,
        ...(signal ? { signal } : {}),
      }),
    );
  }

  /** The three leaf categories eBay suggests for the words, with their item specifics. */
  categories(query: string, currency: string, signal?: AbortSignal): Promise<CategoryChoice[] | null> {
    return this.withAppToken(() => this.taxonomy.suggest(query, marketplaceFor(currency), 3, signal));
  }

  /** One leaf category's item specifics, and its name when a suggestion showed it. */
  category(categoryId: string, currency: string, signal?: AbortSignal): Promise<CategoryChoice | null> {
    const site = marketplaceFor(currency);
    return this.withAppToken(async () => {
      const aspects = await this.taxonomy.aspects(categoryId, site, signal);
      const name = this.taxonomy.nameOf(categoryId, site) ?? '';
      return { categoryId, name, path: name, aspects };
    });
  }

  /** Runs `ask` with the application token when eBay is connected; a refused token is renewed once. */
  private async withAppToken<T>(ask: (api: string, token: string) => Promise<T>): Promise<T | null> {
    if (!(await this.account.status()).connected) return null;
    const api = ebayHosts(await this.deps.settings.section('ebay')).api;
    try {
      return await ask(api, await this.appTokens.get());
    } catch (error) {
      if (!(error instanceof EbayError) || error.kind !== 'auth') throw error;
      this.appTokens.forget();
      return ask(api, await this.appTokens.get());
    }
  }

  importStatus(): Promise<EbayImportStatus> {
    return this.importer.status();
  }

  /** The next poll now (after a sleep): sales made meanwhile come in without waiting out the interval. */
  private pollSoon(): void {
    if (this.closing || this.nextPollAt === null) return; // one is running; it schedules the next
    if (this.ordersTimer) clearTimeout(this.ordersTimer);
    this.scheduleOrders(CATCH_UP_AFTER_MS);
  }

  private scheduleOrders(afterMs: number): void {
    if (this.closing) return;
    this.nextPollAt = new Date(Date.now() + afterMs).toISOString();
    this.ordersTimer = setTimeout(() => {
      void (async () => {
        this.nextPollAt = null;
        let unreachable = false;
        try {
          if ((await this.account.status()).connected) await this.orders.poll();
          this.retryMs = FIRST_RETRY_MS;
        } catch (error) {
          log.warn('could not read eBay orders', error);
          unreachable = error instanceof EbayError && ['network', 'server', 'rate'].includes(error.kind);
        }
        // The network may be back: updates and publishes that waited for it go now.
        void this.outbox.drain();
        void this.listing.publisher.drain();
        const minutes = (await this.deps.settings.get().catch(() => null))?.ebay.ordersPollMinutes ?? 3;
        // Offline or eBay down: look again soon, then less often, so a sale is in as soon as it is back.
        const next = unreachable ? Math.min(this.retryMs, minutes * 60_000) : minutes * 60_000;
        if (unreachable) this.retryMs *= 2;
        this.scheduleOrders(next);
        // The status bar shows when the next look is.
        const status = this.closing ? null : await this.orders.status().catch(() => null);
        if (status) this.deps.events.emit('ebay.orders', status);
      })();
    }, afterMs);
    this.ordersTimer.unref();
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.ordersTimer) clearTimeout(this.ordersTimer);
    this.stopWakeWatch();
    await this.orders.idle();
    await this.importer.cancel();
    await this.outbox.close();
    await this.listing.publisher.close();
    await this.usage.close();
  }

  /** A listing picture, over the trusted fetch, refused past the photo size limit. */
  private async fetchPicture(url: string, signal: AbortSignal): Promise<Buffer> {
    const res = await (await this.trustedFetch())(url, { signal });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} for ${url}`);
    }
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > MAX_PHOTO_BYTES) {
      await res.body?.cancel();
      throw new Error(`${url} is larger than ${MAX_PHOTO_LABEL}`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      size += part.value.length;
      if (size > MAX_PHOTO_BYTES) {
        await reader!.cancel();
        throw new Error(`${url} is larger than ${MAX_PHOTO_LABEL}`);
      }
      chunks.push(part.value);
    }
    return Buffer.concat(chunks);
  }

  /** The CA file is the one set in Settings → AI: one trust for every connection. */
  private async trustedFetch(): Promise<typeof fetch> {
    const caFile = (await this.deps.settings.section('ai')).caFile;
    return (await this.deps.trust.get(caFile, CA_FILE_LOOK_MS)).fetch;
  }
}

/** The eBay site whose listings are priced in `currency` (Browse's X-EBAY-C-MARKETPLACE-ID). */
export function marketplaceFor(currency: string): string {
  const sites: Record<string, string> = {
    USD: 'EBAY_US',
    GBP: 'EBAY_GB',
    CAD: 'EBAY_CA',
    AUD: 'EBAY_AU',
    EUR: 'EBAY_DE',
  };
  return sites[currency] ?? 'EBAY_US';
}
