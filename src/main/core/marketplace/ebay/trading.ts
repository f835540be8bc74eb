/**
 * The Trading API calls FlipSync makes (XML over the same trusted fetch, fast-xml-parser):
 * GetMyeBaySelling's ActiveList, page by page, and GetItem for each listing's details.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { EbayError } from './errors';
import type { EbayHttp } from './http';

const NS = 'urn:ebay:apis:eBLBaseComponents';
const COMPATIBILITY = '1349';
/** Trading's answers for a token that is expired or unknown: renew and retry. */
const AUTH_CODES = new Set(['931', '932', '21916984', '21917053']);
const ARRAYS = new Set(['Item', 'NameValueList', 'PictureURL', 'Value', 'Errors']);

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ARRAYS.has(name) });
const builder = new XMLBuilder({ ignoreAttributes: false });

export interface SiteSummary {
  itemId: string;
  sku: string;
  title: string;
  price: number | null;
  quantityAvailable: number;
  startTime: string | null;
  viewUrl: string;
}
export interface SiteDetails extends SiteSummary {
  categoryId: string;
  categoryName: string;
  conditionName: string;
  specifics: { name: string; value: string }[];
  pictureUrls: string[];
  status: string;
}

type Node = Record<string, unknown>;
const text = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'object' ? text((v as Node)['#text']) : String(v);
const num = (v: unknown): number | null => (text(v) === '' ? null : Number(text(v)));

export async function tradingCall(
  http: EbayHttp,
  api: string,
  token: string,
  call: string,
  body: Node,
  signal?: AbortSignal,
): Promise<Node> {
  const xml = `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [`${call}Request`]: { '@_xmlns': NS, ...body } })}`;
  const res = await http.send(
    'trading',
    {
      url: `${api}/ws/api.dll`,
      method: 'POST',
      headers: {
        'content-type': 'text/xml',
        'x-ebay-api-call-name': call,
        'x-ebay-api-siteid': '0',
        'x-ebay-api-compatibility-level': COMPATIBILITY,
        'x-ebay-api-iaf-token': token,
      },
      body: xml,
    },
    signal,
  );
  const raw = await res.text();
  if (!res.ok)
    throw new EbayError(
      res.status >= 500 || res.status === 429 ? 'server' : 'request',
      `eBay’s Trading API answered HTTP ${res.status} to ${call}.`,
      'Try again later.',
      undefined,
      res.status,
    );
  const doc = (parser.parse(raw) as Node)[`${call}Response`] as Node | undefined;
  if (!doc) throw new EbayError('server', `eBay’s answer to ${call} could not be read.`);
  if (text(doc.Ack) === 'Failure') {
    const first = ((doc.Errors as Node[] | undefined) ?? [])[0] ?? {};
    const code = text(first.ErrorCode);
    if (AUTH_CODES.has(code))
      throw new EbayError('auth', `eBay refused the sign-in token (eBay error ${code}).`, undefined, Number(code));
    throw new EbayError(
      'request',
      `eBay refused ${call} (eBay error ${code}): ${text(first.LongMessage) || text(first.ShortMessage)}`,
      undefined,
      Number(code),
    );
  }
  return doc;
}

function summary(item: Node): SiteSummary {
  const selling = (item.SellingStatus ?? {}) as Node;
  const details = (item.ListingDetails ?? {}) as Node;
  const available = num(item.QuantityAvailable) ?? (num(item.Quantity) ?? 0) - (num(selling.QuantitySold) ?? 0);
  return {
    itemId: text(item.ItemID),
    sku: text(item.SKU).trim(),
    title: text(item.Title),
    price: num(selling.CurrentPrice),
    quantityAvailable: available,
    startTime: text(details.StartTime) || null,
    viewUrl: text(details.ViewItemURL),
  };
}

/** One page (from 1) of the seller's active site listings. */
export async function activeListPage(
  http: EbayHttp,
  api: string,
  token: string,
  page: number,
  perPage: number,
  signal?: AbortSignal,
) {
  const doc = await tradingCall(
    http,
    api,
    token,
    'GetMyeBaySelling',
    {
      ActiveList: { Include: true, Pagination: { EntriesPerPage: perPage, PageNumber: page } },
      DetailLevel: 'ReturnAll',
    },
    signal,
  );
  const list = (doc.ActiveList ?? {}) as Node;
  const items = (((list.ItemArray ?? {}) as Node).Item as Node[] | undefined) ?? [];
  const pagination = (list.PaginationResult ?? {}) as Node;
  return {
    items: items.map(summary),
    pages: num(pagination.TotalNumberOfPages) ?? 0,
    total: num(pagination.TotalNumberOfEntries) ?? 0,
  };
}

export async function getItem(
  http: EbayHttp,
  api: string,
  token: string,
  itemId: string,
  signal?: AbortSignal,
): Promise<SiteDetails> {
  const doc = await tradingCall(
    http,
    api,
    token,
    'GetItem',
    { ItemID: itemId, DetailLevel: 'ReturnAll', IncludeItemSpecifics: true },
    signal,
  );
  // 'Item' is read as a list everywhere (GetMyeBaySelling has many); GetItem has one.
  const item = ((doc.Item as Node[] | undefined) ?? [])[0] ?? {};
  const category = (item.PrimaryCategory ?? {}) as Node;
  const specifics = ((((item.ItemSpecifics ?? {}) as Node).NameValueList as Node[] | undefined) ?? []).map((nv) => ({
    name: text(nv.Name),
    value: ((nv.Value as unknown[] | undefined) ?? []).map(text).join(', '),
  }));
  return {
    ...summary(item),
    categoryId: text(category.CategoryID),
    categoryName: text(category.CategoryName),
    conditionName: text(item.ConditionDisplayName),
    specifics,
    pictureUrls: ((((item.PictureDetails ?? {}) as Node).PictureURL as unknown[] | undefined) ?? []).map(text),
    status: text(((item.SellingStatus ?? {}) as Node).ListingStatus),
  };
}
