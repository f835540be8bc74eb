/**
 * What the eBay double knows: the developer apps (keysets), one seller with their listings,
 * codes and tokens issued, and the knobs tests turn (expire, revoke, fail the next calls).
 */
import { randomBytes } from 'node:crypto';
import type { DoubleCategory } from './taxonomy';
import { ListingState } from './listing';
import type { components as Inv } from '../../../src/main/core/marketplace/ebay/generated/inventory';
import type { components as Ful } from '../../../src/main/core/marketplace/ebay/generated/fulfillment';

export interface DoubleApp {
  clientId: string;
  clientSecret: string;
  ruName: string;
  /** Where the consent page sends the seller after "Agree" (with code and state). */
  acceptUrl: string;
  declineUrl?: string;
}

export interface SiteListing {
  itemId: string;
  sku?: string;
  title: string;
  price: number;
  currency: string;
  quantity: number;
  quantitySold: number;
  categoryId: string;
  categoryName: string;
  conditionId: number;
  conditionName: string;
  specifics: { name: string; value: string }[];
  startTime: string;
  pictureUrls: string[];
  description: string;
  status: 'Active' | 'Completed' | 'Ended';
}

/** Another seller's live listing, found by Browse searches (asking prices for pricing). */
export interface MarketListing {
  itemId: string;
  title: string;
  price: number;
  currency: string;
  conditionId: number;
  condition: string;
  categoryId: string;
  gtin?: string;
}

export interface Grant {
  clientId: string;
  scopes: string[];
  expiresAt: number;
  revoked?: boolean;
}

/** A failure served instead of the next matching calls. */
export interface Injected {
  /** Which calls: 'trading', 'identity', 'inventory', 'token' or 'any'. */
  api: string;
  status: number;
  retryAfter?: number;
  times: number;
}

export const newToken = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

export class DoubleState {
  apps: DoubleApp[] = [];
  user = { userId: 'u8xSeLLeR', username: 'thrift_and_find' };
  site: SiteListing[] = [];
  /** Revisions per listing (item number or offer id) today, and the day they count for. */
  revisions = new Map<string, number>();
  /** Site listings revised with ReviseFixedPriceItem, in order. */
  siteRevisions: string[] = [];
  /** Quantity updates received, in order (listing, quantity). */
  quantityUpdates: { listing: string; quantity: number }[] = [];
  /** Called as each quantity update is applied, before it is answered (a test kills the sender there). */
  onQuantityUpdate: ((update: { listing: string; quantity: number }) => void) | null = null;

  quantityUpdated(update: { listing: string; quantity: number }): void {
    this.quantityUpdates.push(update);
    this.onQuantityUpdate?.(update);
  }
  /** Other sellers' live listings, for Browse. */
  market: MarketListing[] = [];
  /** The category tree (the same in every marketplace), for Taxonomy. */
  categories: DoubleCategory[] = [];
  inventoryItems: Inv['schemas']['InventoryItemWithSkuLocaleGroupid'][] = [];
  offers: Inv['schemas']['EbayOfferDetailsWithAll'][] = [];
  orders: Ful['schemas']['Order'][] = [];
  /**
   * Fees Finances reports per order line, by orderId then lineItemId: an order appears in
   * getTransactions only once a test posts it here (on eBay it takes minutes to hours).
   */
  feesPosted = new Map<string, Record<string, number>>();
  /** A test's rule for requests that never arrive (a device offline): their connection is cut. */
  unreachable: ((req: { headers: Headers }) => boolean) | null = null;
  /** Called after each page of orders is served (a test changes orders between pages). */
  afterOrdersPage: ((offset: number) => void) | null = null;
  codes = new Map<string, Grant & { ruName: string; used: boolean }>();
  accessTokens = new Map<string, Grant>();
  refreshTokens = new Map<string, Grant>();
  pendingConsents = new Map<string, { app: DoubleApp; scopes: string[]; state: string | null }>();
  /** Seconds added to the clock (to run a code or token out without waiting). */
  clockOffset = 0;
  /** The largest page the double serves, below eBay's own caps (to force many pages). */
  maxPageSize = 200;
  injected: Injected[] = [];
  /** Policies, locations, conditions, uploads and publish-time knobs. */
  listing = new ListingState();

  /** Counts one revision of a listing; false past eBay's 250 a day. */
  revise(listing: string): boolean {
    const n = (this.revisions.get(listing) ?? 0) + 1;
    if (n > 250) return false;
    this.revisions.set(listing, n);
    return true;
  }
  /** Where listing pictures are served: eBay's picture host, or the double itself once started. */
  pictureBase = 'https://i.ebayimg.com';
  /** Picture addresses that answer 404 (a picture eBay no longer has). */
  missingPictures = new Set<string>();
  /** Calls served, by API ('trading:GetItem', 'inventory:getInventoryItems', 'token:refresh_token'). */
  calls: string[] = [];

  now(): number {
    return Date.now() + this.clockOffset * 1000;
  }

  app(clientId: string): DoubleApp | undefined {
    return this.apps.find((a) => a.clientId === clientId);
  }

  /** Every access token issued so far stops working (as after two hours). */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  /** The seller withdrew consent: refresh tokens (and their access tokens) stop working. */
  revokeRefreshTokens(): void {
    for (const grant of this.refreshTokens.values()) grant.revoked = true;
    this.expireAccessTokens();
  }

  inject(failure: Omit<Injected, 'times'> & { times?: number }): void {
    this.injected.push({ times: 1, ...failure });
  }

  takeInjected(api: string): Injected | null {
    const found = this.injected.find((f) => f.times > 0 && (f.api === api || f.api === 'any'));
    if (!found) return null;
    found.times--;
    return found;
  }

  /** The grant behind a bearer token, or why it is refused. */
  bearer(header: string | null): Grant | 'missing' | 'invalid' | 'expired' {
    if (!header?.startsWith('Bearer ')) return 'missing';
    const grant = this.accessTokens.get(header.slice(7));
    if (!grant || grant.revoked) return 'invalid';
    return grant.expiresAt <= this.now() ? 'expired' : grant;
  }
}
