/**
 * Listing on eBay, as the routes see it: the one-time setup (business policies, location),
 * the preflight of an item, and the publish queue. Category aspects and conditions change
 * rarely and are kept in the local-only database (MetadataCache); policies are kept for the
 * session, and reading the setup reads them again.
 */
import type {
  CategoryAspect,
  CategoryChoice,
  EbayListingSetup,
  EbaySettings,
  LocationInput,
  Preflight,
  Settings,
} from '@shared/api';
import type { Item, PhotoRef } from '@shared/domain/inventory';
import type { Database } from '../../../db/open';
import type { EventBus } from '../../../events';
import type { InventoryService } from '../../../inventory/service';
import type { EbayAccount } from '../account';
import { AppError } from '../../../errors';
import { EbayError } from '../errors';
import { ebayHosts } from '../hosts';
import type { EbayHttp } from '../http';
import { getOffers } from '../rest';
import { kindOf } from '../stock-calls';
import * as calls from './calls';
import { notReady, preflight, readyToList, type PreflightDeps } from './preflight';
import { draftFees } from './steps';
import { Publisher } from './publisher';
import { MetadataCache } from './metadata-cache';

export interface ListingDeps {
  local: Database;
  inventory: InventoryService;
  account: EbayAccount;
  http: EbayHttp;
  events: EventBus;
  settings: () => Promise<Settings>;
  saveSettings: (patch: Partial<EbaySettings>) => Promise<void>;
  /** Application-token calls (Taxonomy); null when eBay is not connected. */
  suggest: (q: string, marketplaceId: string) => Promise<CategoryChoice[] | null>;
  aspects: (categoryId: string, marketplaceId: string) => Promise<CategoryAspect[] | null>;
  forgetAspects: (categoryId: string, marketplaceId: string) => void;
  readPhoto: (photo: PhotoRef) => Promise<Buffer | null>;
  listed: (listing: { listing: string; quantity: number; sku: string }) => Promise<void>;
  listingKind: (listing: string) => Promise<'site' | 'api' | null>;
  /** The listing is now the Inventory API's (the stock outbox revises it there from now on). */
  migrated: (listing: { listing: string; offerId: string }) => Promise<void>;
}

type Policies = Awaited<ReturnType<typeof calls.policies>>;

export class EbayListing {
  readonly publisher: Publisher;
  /** Category data kept across restarts, so a publish asked offline still passes preflight. */
  private readonly meta: MetadataCache;
  private policies: { site: string; found: Promise<Policies> } | null = null;
  private readonly checks: PreflightDeps;

  constructor(private readonly deps: ListingDeps) {
    this.meta = new MetadataCache(deps.local);
    const ebay = async () => (await deps.settings()).ebay;
    this.checks = {
      settings: ebay,
      connected: async () => (await deps.account.status()).connected,
      currency: async () => (await deps.settings()).general.currency,
      suggest: async (q, site) => (await deps.suggest(q, site)) ?? [],
      aspects: (id, site) =>
        this.meta.get(`aspects:${site}:${id}`, async () => {
          const found = await deps.aspects(id, site);
          if (!found) throw new EbayError('reconnect', 'eBay is not connected.');
          return found;
        }),
      conditions: (site, categoryId) =>
        this.meta.get(`conditions:${site}:${categoryId}`, () =>
          this.user((c) => calls.conditionsOf(c, site, categoryId)),
        ),
      forget: (categoryId, site) => {
        void this.meta.forget(`aspects:${site}:${categoryId}`);
        void this.meta.forget(`conditions:${site}:${categoryId}`);
        deps.forgetAspects(categoryId, site);
        this.policies = null;
      },
      calculatedShipping: async (s) => {
        const chosen = (await this.readPolicies(s)).fulfillment.find((p) => p.id === s.fulfillmentPolicyId);
        return chosen ? chosen.calculated : null;
      },
      fees: async (item) => {
        const s = await ebay();
        return this.user(async (c) => {
          const offers = await getOffers(c.http, c.api, c.token, item.sku);
          const draft = offers.find((o) => o.marketplaceId === s.marketplaceId && o.status === 'UNPUBLISHED');
          return draft?.offerId ? calls.listingFees(c, draft.offerId) : null;
        });
      },
    };
    this.publisher = new Publisher({
      ...deps,
      settings: ebay,
      checks: this.checks,
      askKind: (sku, listing) => this.user(async (c) => (await kindOf(c.http, c.api, c.token, sku, listing)).kind),
    });
  }

  /** Runs with the seller's token (renewed once when refused). */
  private async user<T>(ask: (c: calls.Conn) => Promise<T>): Promise<T> {
    const api = ebayHosts((await this.deps.settings()).ebay).api;
    return this.deps.account.authorized((token) => ask({ http: this.deps.http, api, token }));
  }

  private readPolicies(s: EbaySettings, fresh = false): Promise<Policies> {
    if (fresh || !this.policies || this.policies.site !== s.marketplaceId) {
      const found = this.user((c) => calls.policies(c, s.marketplaceId));
      found.catch(() => (this.policies = null));
      this.policies = { site: s.marketplaceId, found };
    }
    return this.policies.found;
  }

  async setup(): Promise<EbayListingSetup> {
    const s = (await this.deps.settings()).ebay;
    const empty: EbayListingSetup = {
      connected: false,
      marketplaceId: s.marketplaceId,
      optedIn: false,
      fulfillment: [],
      payment: [],
      returns: [],
      locations: [],
    };
    if (!(await this.deps.account.status()).connected) return empty;
    const [optedIn, locations] = await Promise.all([
      this.user((c) => calls.optedIn(c)),
      this.user((c) => calls.locations(c)),
    ]);
    if (!optedIn)
      return {
        ...empty,
        connected: true,
        locations,
        message: 'eBay needs the account opted in to business policies before listings can use them.',
      };
    try {
      const found = await this.readPolicies(s, true);
      return { ...empty, connected: true, optedIn, locations, ...found };
    } catch (error) {
      // Opted in moments ago: eBay can take a while before policies can be read.
      if (!(error instanceof EbayError) || error.kind !== 'request') throw error;
      return { ...empty, connected: true, optedIn, locations, message: `${error.message} Try again in a few minutes.` };
    }
  }

  async optIn(): Promise<EbayListingSetup> {
    await this.user((c) => calls.optIn(c));
    return this.setup();
  }

  async createLocation(input: LocationInput): Promise<EbayListingSetup> {
    await this.user((c) =>
      calls.createLocation(c, input.key, {
        name: input.name,
        merchantLocationStatus: 'ENABLED',
        locationTypes: ['WAREHOUSE'],
        location: {
          address: {
            ...(input.addressLine1 ? { addressLine1: input.addressLine1 } : {}),
            city: input.city,
            ...(input.stateOrProvince ? { stateOrProvince: input.stateOrProvince } : {}),
            postalCode: input.postalCode,
            country: input.country as never,
          },
        },
      }),
    );
    await this.deps.saveSettings({ merchantLocationKey: input.key });
    return this.setup();
  }

  async preflight(itemId: string): Promise<Preflight> {
    return this.preflightOf(await this.deps.inventory.get(itemId));
  }

  /** Moves a site listing into the Inventory API (the seller confirmed it is one way); answers its preflight. */
  async migrate(itemId: string): Promise<Preflight> {
    const item = await this.deps.inventory.get(itemId);
    if ((await this.publisher.target(item)) !== 'site' || !item.ebayItemId)
      throw new AppError('BAD_REQUEST', 'Only a live listing made on eBay’s site can be moved to the Inventory API.');
    const moved = await this.user((c) => calls.migrateListing(c, item.ebayItemId!));
    await this.deps.migrated({ listing: item.ebayItemId, offerId: moved.offerId });
    return this.preflightOf(await this.deps.inventory.get(itemId));
  }

  /**
   * Asks eBay what listing the item would cost: puts it on eBay as an unpublished draft (its
   * photos are not uploaded for this) and answers the preflight, whose fees line then shows them.
   */
  async fees(itemId: string): Promise<Preflight> {
    const item = await this.deps.inventory.get(itemId);
    const before = await this.preflightOf(item);
    if (before.target !== 'new')
      throw new AppError('BAD_REQUEST', 'The item is listed already: revising a listing costs nothing.');
    const blocking = before.lines.filter((l) => l.state === 'fail' && l.check !== 'photos');
    if (blocking.length > 0) throw notReady(blocking);
    const settings = (await this.deps.settings()).ebay;
    // Not a queued job: nothing records steps.
    const steps = { ...this.publisher.stepsFor(itemId), step: async () => undefined };
    await this.user((c) => draftFees(steps, c.token, item, settings));
    return this.preflightOf(await this.deps.inventory.get(itemId));
  }

  /** The preflight of an item as given (a proposal's preview of it, before it is applied). */
  async preflightOf(item: Item): Promise<Preflight> {
    const target = await this.publisher.target(item);
    const lines = await preflight(item, this.checks, target);
    return { itemId: item.id, target, ready: readyToList(lines), lines, listing: await this.publisher.state(item.id) };
  }
}
