/**
 * A stateful double of eBay for tests: one HTTPS server on 127.0.0.1 (port 0, certificate
 * from the test CA) that serves the consent page, the token endpoint, Identity, Inventory and
 * the Trading calls FlipSync makes. The app points its eBay API and auth bases at `origin`.
 *
 * Every REST request and response is checked against eBay's vendored contracts; anything that
 * breaks them lands in `violations` (and the request is refused), which tests assert empty.
 */
import sharp from 'sharp';
import { Contracts } from './contracts';
import { listen, type Reply, type Req } from './http';
import { consentDecision, consentPage, tokenEndpoint } from './oauth';
import { handleRest } from './rest';
import { DoubleState, type DoubleApp, type MarketListing, type SiteListing } from './state';
import { handleTrading } from './trading';
import { handleMedia } from './media';
import type { TestCa } from '../tls-ca';

export type { DoubleApp, MarketListing, SiteListing };

export interface EbayDouble {
  origin: string;
  state: DoubleState;
  /** Contract and rule breaches seen so far (requests the app should never have made). */
  violations: string[];
  /** The accept page of keysets registered without one: shows the code to paste. */
  pasteUrl: string;
  addApp(app: Omit<DoubleApp, 'acceptUrl'> & { acceptUrl?: string }): DoubleApp;
  close(): Promise<void>;
}

let contracts: Contracts | null = null;

export async function startEbayDouble(ca: TestCa): Promise<EbayDouble> {
  contracts ??= new Contracts();
  const c = contracts;
  const state = new DoubleState();
  const violations: string[] = [];
  const handle = (req: Req): Reply | Promise<Reply> => {
    const p = req.url.pathname;
    if (p === '/oauth2/authorize') return consentPage(state, req);
    if (p === '/oauth2/consent') return consentDecision(state, req);
    if (p === '/paste') {
      const code = req.url.searchParams.get('code') ?? '';
      return {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: `<p>Copy this address into FlipSync.</p><code id="code">${code.replace(/</g, '')}</code>`,
      };
    }
    if (p === '/identity/v1/oauth2/token') {
      const injected = state.takeInjected('token');
      if (injected)
        return {
          status: injected.status,
          headers: { 'content-type': 'application/json' },
          body: '{"error":"server_error","error_description":"try later"}',
        };
      return tokenEndpoint(state, req);
    }
    if (p.startsWith(c.basePath('identity'))) return handleRest(state, c, 'identity', req, violations);
    if (p.startsWith(c.basePath('inventory'))) return handleRest(state, c, 'inventory', req, violations);
    if (p.startsWith(c.basePath('fulfillment'))) return handleRest(state, c, 'fulfillment', req, violations);
    if (p.startsWith(c.basePath('browse'))) return handleRest(state, c, 'browse', req, violations);
    if (p.startsWith(c.basePath('finances'))) return handleRest(state, c, 'finances', req, violations);
    if (p.startsWith(c.basePath('taxonomy'))) return handleRest(state, c, 'taxonomy', req, violations);
    if (p.startsWith(c.basePath('account'))) return handleRest(state, c, 'account', req, violations);
    if (p.startsWith(c.basePath('metadata'))) return handleRest(state, c, 'metadata', req, violations);
    if (p.startsWith('/commerce/media/')) return handleMedia(state, req, origin, violations);
    if (p === '/ws/api.dll') return handleTrading(state, req, violations);
    if ((p.startsWith('/images/g/') || p.startsWith('/images/eps/')) && req.method === 'GET') return picture(state, p);
    // A browser on the consent page asks for this by itself; it is not FlipSync's request.
    if (p === '/favicon.ico') return { status: 404, body: 'Not found' };
    violations.push(`${req.method} ${p}: not an eBay address the double knows`);
    return { status: 404, body: 'Not found' };
  };
  let origin = '';
  const { server, origin: address } = await listen(ca, handle, (req) => state.unreachable?.(req) ?? false);
  origin = address;
  state.pictureBase = origin;
  const pasteUrl = `${origin}/paste`;
  return {
    origin,
    state,
    violations,
    pasteUrl,
    addApp(app) {
      const full = { acceptUrl: pasteUrl, ...app };
      state.apps.push(full);
      return full;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `count` active site listings, numbered from `first`; every third has no Custom label (SKU). */
export function seedSite(state: DoubleState, count: number, first = 1): SiteListing[] {
  const made: SiteListing[] = [];
  for (let i = first; i < first + count; i++) {
    made.push({
      itemId: String(110_000_000_000 + i),
      sku: i % 3 === 0 ? undefined : `SITE-${i}`,
      title: `Vintage find number ${i}`,
      price: 10 + (i % 90) + 0.99,
      currency: 'USD',
      quantity: 1 + (i % 4),
      quantitySold: i % 4 === 3 ? 1 : 0,
      categoryId: '11450',
      categoryName: 'Clothing, Shoes & Accessories',
      conditionId: 3000,
      conditionName: 'Used',
      specifics: [{ name: 'Brand', value: `Brand ${i % 7}` }],
      startTime: '2026-10-01T12:00:00.000Z',
      pictureUrls: [
        `${state.pictureBase}/images/g/${i}/s-l1600.jpg`,
        `${state.pictureBase}/images/g/${i}b/s-l1600.jpg`,
      ],
      description: `<p>Item ${i}</p>`,
      status: 'Active',
    });
  }
  state.site.push(...made);
  return made;
}

/** `count` listings made through the Inventory API: an inventory item and a published offer each. */
export function seedApi(state: DoubleState, count: number, first = 1): void {
  for (let i = first; i < first + count; i++) {
    const sku = `API-${i}`;
    state.inventoryItems.push({
      sku,
      locale: 'en_US',
      condition: 'USED_EXCELLENT',
      availability: { shipToLocationAvailability: { quantity: 1 + (i % 3) } },
      product: {
        title: `API listing ${i}`,
        // An object on the wire, though the contract types it string (see contracts.ts).
        aspects: { Brand: [`Maker ${i % 5}`] } as unknown as string,
        imageUrls: [`${state.pictureBase}/images/g/api${i}/s-l1600.jpg`],
        description: `API item ${i}`,
      },
    });
    state.offers.push({
      offerId: String(9_000_000 + i),
      sku,
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      categoryId: '261186',
      availableQuantity: 1 + (i % 3),
      pricingSummary: { price: { value: (20 + i).toFixed(2), currency: 'USD' } },
      listing: { listingId: String(120_000_000_000 + i), listingStatus: 'ACTIVE' },
      status: 'PUBLISHED',
    });
  }
}

/** A small JPEG of its own colour for each picture address (so each one is a distinct photo). */
async function picture(state: DoubleState, path: string): Promise<Reply> {
  state.calls.push('picture');
  if (state.missingPictures.has(path)) return { status: 404, body: 'Not found' };
  let h = 0;
  for (const c of path) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const body = await sharp({
    create: { width: 48, height: 36, channels: 3, background: { r: h & 255, g: (h >> 8) & 255, b: (h >> 16) & 255 } },
  })
    .jpeg()
    .toBuffer();
  return { status: 200, headers: { 'content-type': 'image/jpeg' }, body };
}

/**
 * `count` paid orders, each with one line (every fifth with two) for site listings numbered
 * from `first` (SKU `SITE-<n>` as seedSite gives, or none: matched by item number), created
 * and last modified up to `minutesAgo` minutes ago, 10 ms apart, the last one the newest.
 */
export function seedOrders(state: DoubleState, count: number, minutesAgo = 2, first = 1): void {
  const base = Date.now() - minutesAgo * 60_000 - count * 10;
  for (let i = first; i < first + count; i++) {
    const at = new Date(base + (i - first) * 10).toISOString();
    const line = (n: number, k: number) => ({
      lineItemId: `${1000 + i}${k}`,
      legacyItemId: String(110_000_000_000 + n),
      ...(n % 3 === 0 ? {} : { sku: `SITE-${n}` }),
      title: `Vintage find number ${n}`,
      quantity: 1,
      lineItemCost: { value: (10 + (n % 90) + 0.99).toFixed(2), currency: 'USD' },
      total: { value: (10 + (n % 90) + 0.99).toFixed(2), currency: 'USD' },
    });
    const lines = i % 5 === 0 ? [line(i, 1), line(i + 1, 2)] : [line(i, 1)];
    state.orders.push({
      orderId: `27-${String(10_000 + i).padStart(5, '0')}-${String(i * 7).padStart(5, '0')}`,
      creationDate: at,
      lastModifiedDate: at,
      orderFulfillmentStatus: 'NOT_STARTED',
      orderPaymentStatus: 'PAID',
      sellerId: state.user.username,
      lineItems: lines,
      totalMarketplaceFee: { value: (lines.length * 1.5).toFixed(2), currency: 'USD' },
      cancelStatus: { cancelState: 'NONE_REQUESTED', cancelRequests: [] },
    });
  }
}
