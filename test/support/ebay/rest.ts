/**
 * The double's REST calls (Identity getUser, Inventory getInventoryItems and getOffers), each
 * checked against the vendored contract on the way in and on the way out, plus the rules the
 * contracts leave out (the overlay below).
 */
import type { Contracts, Matched, RestApi } from './contracts';
import type { Reply, Req } from './http';
import type { DoubleState } from './state';
import { searchMarket } from './browse';
import { answerTaxonomy } from './taxonomy';
import { answerListing } from './listing';

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const ebayError = (status: number, errorId: number, message: string, domain = 'API_INVENTORY', category = 'REQUEST') =>
  json(status, { errors: [{ errorId, domain, category, message }] });

/**
 * Rules eBay enforces that its contracts do not say (ebay-api.md): limits are numbers within
 * eBay's bounds, GET /offer needs a sku.
 */
function overlay(m: Matched, query: URLSearchParams): string | null {
  const id = m.operation.operationId;
  const limit = query.get('limit');
  const offset = query.get('offset');
  if (limit !== null && !/^\d+$/.test(limit)) return `${id}: limit must be a whole number`;
  if (offset !== null && !/^\d+$/.test(offset)) return `${id}: offset must be a whole number`;
  if (id === 'getInventoryItems' && limit !== null && (Number(limit) < 1 || Number(limit) > 200))
    return `${id}: limit must be 1 to 200`;
  if (id === 'getOffers' && !query.get('sku')) return `${id}: sku is required`;
  if (id === 'search') {
    if (!['q', 'gtin', 'category_ids', 'epid', 'charity_ids'].some((k) => query.get(k)))
      return `${id}: one of q, gtin, category_ids, epid or charity_ids is required`;
    if (limit !== null && (Number(limit) < 1 || Number(limit) > 200)) return `${id}: limit must be 1 to 200`;
    const filter = query.get('filter');
    if (
      filter !== null &&
      !/^(\w+:(\{[^{}]*\}|\[[^\]]*\]|[^,{}[\]]+))(,\w+:(\{[^{}]*\}|\[[^\]]*\]|[^,{}[\]]+))*$/.test(filter)
    )
      return `${id}: filter must be field:value pairs separated by commas, got ${filter}`;
  }
  if (id === 'getTransactions') {
    if (limit !== null && (Number(limit) < 1 || Number(limit) > 1000)) return `${id}: limit must be 1 to 1000`;
    const filter = query.get('filter') ?? '';
    const known =
      /^(transactionDate:\[[^\]]*\]|transactionType:\{[A-Z_]+\}|orderId:\{[^}]+\})(,(transactionDate:\[[^\]]*\]|transactionType:\{[A-Z_]+\}|orderId:\{[^}]+\}))*$/;
    if (filter !== '' && !known.test(filter)) return `${id}: unreadable filter ${filter}`;
  }
  if (id === 'getOrders') {
    if (limit !== null && (Number(limit) < 1 || Number(limit) > 200)) return `${id}: limit must be 1 to 200`;
    const filter = query.get('filter');
    if (filter !== null && !/^lastmodifieddate:\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z\.\.\]$/.test(filter))
      return `${id}: filter must be lastmodifieddate:[<ISO 8601 UTC>..], got ${filter}`;
  }
  return null;
}

export function handleRest(
  state: DoubleState,
  contracts: Contracts,
  api: RestApi,
  req: Req,
  violations: string[],
): Reply {
  const m = contracts.match(api, req.method, req.url.pathname);
  if (!m) {
    violations.push(`${req.method} ${req.url.pathname}: no such operation in the ${api} contract`);
    return ebayError(404, 0, 'Resource not found');
  }
  const id = m.operation.operationId;
  state.calls.push(`${api}:${id}`);
  const body = req.body ? (JSON.parse(req.body) as unknown) : undefined;
  const problems = contracts.checkRequest(m, req.url.searchParams, req.headers, body);
  const rule = overlay(m, req.url.searchParams);
  if (rule) problems.push(rule);
  if (problems.length > 0) {
    violations.push(...problems);
    return ebayError(400, 25709, `Invalid value. ${problems.join('; ')}`);
  }
  const grant = state.bearer(req.headers.get('authorization'));
  if (typeof grant === 'string') {
    return json(401, {
      errors: [
        {
          errorId: 1001,
          domain: 'OAuth',
          category: 'REQUEST',
          message: 'Invalid access token',
          longMessage: `Invalid access token (${grant}).`,
        },
      ],
    });
  }
  const wanted = contracts.scopes(m);
  if (wanted.length > 0 && !wanted.some((s) => grant.scopes.includes(s))) {
    return json(403, {
      errors: [
        {
          errorId: 1100,
          domain: 'ACCESS',
          category: 'REQUEST',
          message: 'Access denied',
          longMessage: 'Insufficient permissions to fulfill the request.',
        },
      ],
    });
  }
  const injected = state.takeInjected(api);
  if (injected) {
    const headers: Record<string, string> =
      injected.retryAfter !== undefined ? { 'retry-after': String(injected.retryAfter) } : {};
    if (injected.status === 429)
      return json(
        429,
        { errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests.' }] },
        headers,
      );
    return json(
      injected.status,
      {
        errors: [
          {
            errorId: api === 'identity' ? 140000 : 25001,
            domain: 'API_INVENTORY',
            category: 'APPLICATION',
            message: 'A system error has occurred.',
          },
        ],
      },
      headers,
    );
  }
  const reply =
    answerTaxonomy(state, id, req.url.searchParams, m.pathParams) ??
    answerListing(state, id, req.url.searchParams, m.pathParams, body, violations) ??
    answer(state, id, req.url.searchParams, body);
  const violationsOut =
    reply.status === 204 || reply.body === ''
      ? []
      : contracts.checkResponse(m, reply.status, JSON.parse(String(reply.body)) as unknown);
  violations.push(...violationsOut.map((v) => `double answered against the contract: ${v}`));
  return reply;
}

function answer(state: DoubleState, id: string, q: URLSearchParams, body?: unknown): Reply {
  if (id === 'getUser')
    return json(200, {
      userId: state.user.userId,
      username: state.user.username,
      accountType: 'INDIVIDUAL',
      registrationMarketplaceId: 'EBAY_US',
      status: 'CONFIRMED',
    });
  if (id === 'getInventoryItems') {
    const limit = Math.min(Number(q.get('limit') ?? 25), state.maxPageSize);
    // The contract: offset is the page number (0 for the first page).
    const page = Number(q.get('offset') ?? 0);
    const items = state.inventoryItems.slice(page * limit, (page + 1) * limit);
    const total = state.inventoryItems.length;
    const href = (p: number) => `/sell/inventory/v1/inventory_item?limit=${limit}&offset=${p}`;
    return json(200, {
      href: href(page),
      limit,
      size: items.length,
      total,
      inventoryItems: items,
      ...((page + 1) * limit < total ? { next: href(page + 1) } : {}),
    });
  }
  if (id === 'getOffers') {
    const offers = state.offers.filter((o) => o.sku === q.get('sku'));
    if (offers.length === 0) return ebayError(404, 25713, 'This Offer is not available.');
    return json(200, { limit: 100, size: offers.length, total: offers.length, offers });
  }
  if (id === 'getOrders') {
    const limit = Math.min(Number(q.get('limit') ?? 50), state.maxPageSize);
    const offset = Number(q.get('offset') ?? 0);
    const since = /\[([^.]+)\.\.\]/.exec(q.get('filter') ?? '')?.[1];
    // Oldest change first: an order modified while a client pages moves to the end, so
    // offsets shift under it, as they do on eBay's live set.
    const all = state.orders
      .filter((o) => !since || Date.parse(o.lastModifiedDate!) >= Date.parse(since))
      .sort((a, b) => Date.parse(a.lastModifiedDate!) - Date.parse(b.lastModifiedDate!));
    const orders = all.slice(offset, offset + limit);
    const href = (o: number) => `/sell/fulfillment/v1/order?limit=${limit}&offset=${o}`;
    const reply = json(200, {
      href: href(offset),
      limit,
      offset,
      total: all.length,
      orders,
      ...(offset + limit < all.length ? { next: href(offset + limit) } : {}),
    });
    state.afterOrdersPage?.(offset);
    return reply;
  }
  if (id === 'search') return json(200, searchMarket(state, q));
  if (id === 'getTransactions') return saleTransactions(state, q);
  if (id === 'bulkUpdatePriceQuantity') return bulkUpdate(state, body);
  return ebayError(501, 0, `${id} is not served by the double`);
}

/** Each request sets an inventory item's quantity and its offers' available quantity (one revision per offer). */
function bulkUpdate(state: DoubleState, body: unknown): Reply {
  const requests = (body as { requests?: unknown[] } | undefined)?.requests ?? [];
  // eBay's bounds, which the contract leaves out: 1 to 25 requests.
  if (requests.length < 1 || requests.length > 25)
    return ebayError(400, 25709, 'Invalid value for requests: send 1 to 25.');
  const responses = (
    requests as {
      sku?: string;
      shipToLocationAvailability?: { quantity?: number };
      offers?: { offerId?: string; availableQuantity?: number }[];
    }[]
  ).map((r) => {
    const item = state.inventoryItems.find((i) => i.sku === r.sku);
    if (!item)
      return {
        sku: r.sku,
        statusCode: 404,
        errors: [{ errorId: 25702, domain: 'API_INVENTORY', category: 'REQUEST', message: 'SKU not found.' }],
      };
    for (const o of r.offers ?? []) {
      const offer = state.offers.find((x) => x.offerId === o.offerId && x.sku === r.sku);
      if (!offer)
        return {
          sku: r.sku,
          offerId: o.offerId,
          statusCode: 404,
          errors: [
            { errorId: 25713, domain: 'API_INVENTORY', category: 'REQUEST', message: 'This Offer is not available.' },
          ],
        };
      if (!state.revise(offer.offerId!))
        return {
          sku: r.sku,
          offerId: o.offerId,
          statusCode: 400,
          errors: [
            {
              errorId: 25019,
              domain: 'API_INVENTORY',
              category: 'REQUEST',
              message: 'Cannot revise the listing: the revision limit for today is reached.',
            },
          ],
        };
      offer.availableQuantity = o.availableQuantity;
      state.quantityUpdated({
        listing: offer.listing?.listingId ?? offer.offerId!,
        quantity: o.availableQuantity ?? 0,
      });
    }
    if (r.shipToLocationAvailability?.quantity !== undefined)
      item.availability = { shipToLocationAvailability: { quantity: r.shipToLocationAvailability.quantity } };
    return { sku: r.sku, statusCode: 200, ...(r.offers?.[0]?.offerId ? { offerId: r.offers[0].offerId } : {}) };
  });
  return json(200, { responses });
}

/** Finances getTransactions: SALE transactions of the orders whose fees a test posted, by date. */
function saleTransactions(state: DoubleState, q: URLSearchParams): Reply {
  const filter = q.get('filter') ?? '';
  const since = /transactionDate:\[([^.\]]*)\.\./.exec(filter)?.[1];
  const type = /transactionType:\{([A-Z_]+)\}/.exec(filter)?.[1];
  const limit = Number(q.get('limit') ?? 20);
  const offset = Number(q.get('offset') ?? 0);
  const all = state.orders.flatMap((order) => {
    const fees = state.feesPosted.get(order.orderId!);
    if (!fees || (type && type !== 'SALE')) return [];
    if (since && Date.parse(order.creationDate!) < Date.parse(since)) return [];
    return [
      {
        transactionId: `T-${order.orderId}`,
        orderId: order.orderId,
        transactionType: 'SALE',
        transactionStatus: 'FUNDS_AVAILABLE_FOR_PAYOUT',
        transactionDate: order.creationDate,
        amount: order.pricingSummary?.total ?? { value: '0.00', currency: 'USD' },
        bookingEntry: 'CREDIT',
        orderLineItems: (order.lineItems ?? []).map((line) => ({
          lineItemId: line.lineItemId,
          feeBasisAmount: line.lineItemCost,
          marketplaceFees: [
            {
              feeType: 'FINAL_VALUE_FEE',
              amount: { value: (fees[line.lineItemId!] ?? 0).toFixed(2), currency: 'USD' },
            },
          ],
        })),
      },
    ];
  });
  const page = all.slice(offset, offset + limit);
  const href = (o: number) => `/sell/finances/v1/transaction?limit=${limit}&offset=${o}`;
  return json(200, {
    href: href(offset),
    limit,
    offset,
    total: all.length,
    transactions: page,
    ...(offset + limit < all.length ? { next: href(offset + limit) } : {}),
  });
}
