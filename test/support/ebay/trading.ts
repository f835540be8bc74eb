/**
 * The double's Trading API (XML at /ws/api.dll): GetMyeBaySelling (ActiveList, paged) and
 * GetItem. Trading has no OpenAPI contract, so its rules are checked here: the headers eBay
 * requires, a user token in X-EBAY-API-IAF-TOKEN, the request element matching the call
 * name, and eBay's page bounds (EntriesPerPage 1..200).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { Reply, Req } from './http';
import type { DoubleState, SiteListing } from './state';

const NS = 'urn:ebay:apis:eBLBaseComponents';
const CALLS = new Set([
  'GetMyeBaySelling',
  'GetItem',
  'ReviseInventoryStatus',
  'ReviseFixedPriceItem',
  'EndFixedPriceItem',
]);
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });

const xml = (call: string, body: Record<string, unknown>): Reply => ({
  status: 200,
  headers: { 'content-type': 'text/xml;charset=utf-8' },
  body: `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [`${call}Response`]: { '@_xmlns': NS, Timestamp: new Date().toISOString(), Version: '1349', ...body } })}`,
});
const failure = (call: string, code: number, short: string, long = short) =>
  xml(call, {
    Ack: 'Failure',
    Errors: {
      ShortMessage: short,
      LongMessage: long,
      ErrorCode: code,
      SeverityCode: 'Error',
      ErrorClassification: 'RequestError',
    },
  });

export function handleTrading(state: DoubleState, req: Req, violations: string[]): Reply {
  const call = req.headers.get('x-ebay-api-call-name') ?? '';
  const problems: string[] = [];
  if (req.method !== 'POST') problems.push('Trading calls are POST');
  if (!CALLS.has(call)) problems.push(`X-EBAY-API-CALL-NAME "${call}" is not a call the double serves`);
  if (req.headers.get('x-ebay-api-siteid') === null) problems.push('X-EBAY-API-SITEID is required');
  if (!/^\d+$/.test(req.headers.get('x-ebay-api-compatibility-level') ?? ''))
    problems.push('X-EBAY-API-COMPATIBILITY-LEVEL is required');
  if (!(req.headers.get('content-type') ?? '').includes('xml')) problems.push('Content-Type must be text/xml');
  let doc: Record<string, Record<string, unknown>> = {};
  try {
    doc = parser.parse(req.body) as typeof doc;
  } catch {
    problems.push('the body is not XML');
  }
  const root = doc[`${call}Request`];
  if (!root) problems.push(`the body must be a ${call}Request element`);
  else if (root['@_xmlns'] !== NS) problems.push(`${call}Request needs xmlns="${NS}"`);
  if (problems.length > 0) {
    violations.push(...problems.map((p) => `Trading ${call}: ${p}`));
    return failure(call || 'Unknown', 10007, 'Invalid request.', problems.join('; '));
  }
  state.calls.push(`trading:${call}`);
  const grant = state.bearer(
    req.headers.get('x-ebay-api-iaf-token') ? `Bearer ${req.headers.get('x-ebay-api-iaf-token')}` : null,
  );
  if (typeof grant === 'string')
    return failure(call, 21917053, 'Invalid access token.', 'Invalid access token. Check the access token.');
  const injected = state.takeInjected('trading');
  if (injected) {
    return {
      status: injected.status,
      headers: injected.retryAfter !== undefined ? { 'retry-after': String(injected.retryAfter) } : {},
      body: 'Service unavailable',
    };
  }
  if (call === 'ReviseInventoryStatus') return reviseInventoryStatus(state, root!, violations);
  if (call === 'ReviseFixedPriceItem') return reviseFixedPriceItem(state, root!, violations);
  if (call === 'EndFixedPriceItem') return endFixedPriceItem(state, root!, violations);
  return call === 'GetItem' ? getItem(state, root!) : getMyeBaySelling(state, root!, violations);
}

/** Up to 4 InventoryStatus entries, each an ItemID and a new Quantity (available = Quantity − sold). */
function reviseInventoryStatus(state: DoubleState, root: Record<string, unknown>, violations: string[]): Reply {
  const raw = root.InventoryStatus;
  const entries = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { ItemID?: string; Quantity?: string }[];
  if (entries.length < 1 || entries.length > 4) {
    violations.push(`Trading ReviseInventoryStatus: 1 to 4 InventoryStatus entries (got ${entries.length})`);
    return failure('ReviseInventoryStatus', 37, 'Input data is invalid.');
  }
  const done: Record<string, unknown>[] = [];
  for (const e of entries) {
    const quantity = Number(e.Quantity);
    if (!e.ItemID || !Number.isInteger(quantity) || quantity < 0) {
      violations.push('Trading ReviseInventoryStatus: each entry needs an ItemID and a whole Quantity of 0 or more');
      return failure('ReviseInventoryStatus', 37, 'Input data is invalid.');
    }
    const listing = state.site.find((l) => l.itemId === e.ItemID && l.status === 'Active');
    if (!listing) return failure('ReviseInventoryStatus', 17, 'This item cannot be accessed.');
    if (!state.revise(listing.itemId))
      return failure(
        'ReviseInventoryStatus',
        21919144,
        'You have reached the maximum number of revisions for this listing today.',
      );
    // Trading's Quantity is the total listed: what is available plus what has sold.
    listing.quantity = quantity + listing.quantitySold;
    state.quantityUpdated({ listing: listing.itemId, quantity });
    done.push({ ItemID: listing.itemId, Quantity: listing.quantity });
  }
  return xml('ReviseInventoryStatus', { Ack: 'Success', InventoryStatus: done });
}

/**
 * Revises the fields sent and keeps every other (Trading's revise is partial): title (at most
 * 80 characters), description, price, condition, category, item specifics (replaced as a set).
 */
function reviseFixedPriceItem(state: DoubleState, root: Record<string, unknown>, violations: string[]): Reply {
  const call = 'ReviseFixedPriceItem';
  const item = root.Item as
    | {
        ItemID?: string;
        Title?: string;
        Description?: string;
        StartPrice?: string;
        ConditionID?: string;
        PrimaryCategory?: { CategoryID?: string };
        ItemSpecifics?: { NameValueList?: unknown };
        PictureDetails?: unknown;
      }
    | undefined;
  if (!item?.ItemID) {
    violations.push(`Trading ${call}: Item.ItemID is required`);
    return failure(call, 37, 'Input data is invalid.');
  }
  const listing = state.site.find((l) => l.itemId === item.ItemID && l.status === 'Active');
  if (!listing) return failure(call, 17, 'This item cannot be accessed.');
  if (item.Title !== undefined && (item.Title.length === 0 || item.Title.length > 80))
    return failure(call, 70, 'The title may not be longer than 80 characters.');
  if (item.StartPrice !== undefined && !(Number(item.StartPrice) > 0))
    return failure(call, 73, 'The price is invalid.');
  if (!state.revise(listing.itemId))
    return failure(call, 21919144, 'You have reached the maximum number of revisions for this listing today.');
  if (item.Title !== undefined) listing.title = item.Title;
  if (item.Description !== undefined) listing.description = item.Description;
  if (item.StartPrice !== undefined) listing.price = Number(item.StartPrice);
  if (item.ConditionID !== undefined) listing.conditionId = Number(item.ConditionID);
  if (item.PrimaryCategory?.CategoryID) listing.categoryId = item.PrimaryCategory.CategoryID;
  if (item.ItemSpecifics) {
    const raw = item.ItemSpecifics.NameValueList;
    const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as { Name: string; Value: string | string[] }[];
    listing.specifics = list.flatMap((n) =>
      (Array.isArray(n.Value) ? n.Value : [n.Value]).map((value) => ({ name: n.Name, value })),
    );
  }
  state.siteRevisions.push(listing.itemId);
  return xml(call, { Ack: 'Success', ItemID: listing.itemId, Fees: { Fee: { Name: 'ListingFee', Fee: '0.0' } } });
}

/** Ends an active listing (EndingReason is required); one that has ended answers 1047. */
function endFixedPriceItem(state: DoubleState, root: Record<string, unknown>, violations: string[]): Reply {
  const call = 'EndFixedPriceItem';
  const reasons = ['Incorrect', 'LostOrBroken', 'NotAvailable', 'OtherListingError', 'SellToHighBidder', 'Sold'];
  if (!root.ItemID || !reasons.includes(String(root.EndingReason))) {
    violations.push(`Trading ${call}: ItemID and one of eBay's EndingReason values are required`);
    return failure(call, 37, 'Input data is invalid.');
  }
  const listing = state.site.find((l) => l.itemId === root.ItemID);
  if (!listing) return failure(call, 17, 'This item cannot be accessed.');
  if (listing.status !== 'Active') return failure(call, 1047, 'The auction has already been closed.');
  listing.status = 'Ended';
  return xml(call, { Ack: 'Success', EndTime: new Date(state.now()).toISOString() });
}

function getMyeBaySelling(state: DoubleState, root: Record<string, unknown>, violations: string[]): Reply {
  const list = root.ActiveList as
    { Include?: string; Pagination?: { EntriesPerPage?: string; PageNumber?: string } } | undefined;
  if (!list || list.Include !== 'true') {
    return xml('GetMyeBaySelling', { Ack: 'Success' });
  }
  const per = Number(list.Pagination?.EntriesPerPage ?? 25);
  const pageNumber = Number(list.Pagination?.PageNumber ?? 1);
  if (!Number.isInteger(per) || per < 1 || per > 200 || !Number.isInteger(pageNumber) || pageNumber < 1) {
    violations.push(
      `Trading GetMyeBaySelling: EntriesPerPage must be 1..200 and PageNumber 1 or more (got ${per}, ${pageNumber})`,
    );
    return failure('GetMyeBaySelling', 340, 'Invalid pagination.');
  }
  const size = Math.min(per, state.maxPageSize);
  const active = state.site.filter((l) => l.status === 'Active');
  const pages = Math.max(1, Math.ceil(active.length / size));
  const items = active.slice((pageNumber - 1) * size, pageNumber * size);
  return xml('GetMyeBaySelling', {
    Ack: 'Success',
    ActiveList: {
      ItemArray: items.length > 0 ? { Item: items.map(summary) } : undefined,
      PaginationResult: { TotalNumberOfPages: pages, TotalNumberOfEntries: active.length },
    },
  });
}

const money = (l: SiteListing) => ({ '#text': l.price.toFixed(2), '@_currencyID': l.currency });
const viewUrl = (l: SiteListing) => `https://www.ebay.com/itm/${l.itemId}`;

function summary(l: SiteListing) {
  return {
    ItemID: l.itemId,
    SKU: l.sku,
    Title: l.title,
    Quantity: l.quantity,
    QuantityAvailable: l.quantity - l.quantitySold,
    SellingStatus: { CurrentPrice: money(l), QuantitySold: l.quantitySold },
    ListingDetails: { StartTime: l.startTime, ViewItemURL: viewUrl(l) },
    PictureDetails: l.pictureUrls.length > 0 ? { GalleryURL: l.pictureUrls[0] } : undefined,
  };
}

function getItem(state: DoubleState, root: Record<string, unknown>): Reply {
  const listing = state.site.find((l) => l.itemId === String(root.ItemID ?? ''));
  if (!listing)
    return failure(
      'GetItem',
      17,
      'This item cannot be accessed because the listing has been deleted or you are not the seller.',
    );
  return xml('GetItem', {
    Ack: 'Success',
    Item: {
      ItemID: listing.itemId,
      SKU: listing.sku,
      Title: listing.title,
      Description: listing.description,
      Quantity: listing.quantity,
      PrimaryCategory: { CategoryID: listing.categoryId, CategoryName: listing.categoryName },
      ConditionID: listing.conditionId,
      ConditionDisplayName: listing.conditionName,
      ItemSpecifics:
        listing.specifics.length > 0
          ? { NameValueList: listing.specifics.map((s) => ({ Name: s.name, Value: s.value })) }
          : undefined,
      PictureDetails: listing.pictureUrls.length > 0 ? { PictureURL: listing.pictureUrls } : undefined,
      ListingDetails: { StartTime: listing.startTime, ViewItemURL: viewUrl(listing) },
      SellingStatus: {
        CurrentPrice: money(listing),
        QuantitySold: listing.quantitySold,
        ListingStatus: listing.status,
      },
    },
  });
}
