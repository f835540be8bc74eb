/** eBay's addresses per environment; a private test setup replaces them through settings. */
import { EBAY_WEB, ebayListingUrl, type EbaySettings } from '@shared/api';

export interface EbayHosts {
  /** REST APIs and the token endpoint (api.ebay.com). */
  api: string;
  /** Identity and Finances (apiz.ebay.com). */
  apiz: string;
  /** The Media API, where photos are uploaded (apim.ebay.com). */
  media: string;
  /** The consent page (auth.ebay.com). */
  auth: string;
  /** Where the seller's listings are seen (www.ebay.com). */
  web: string;
}

const EBAY: Record<EbaySettings['environment'], EbayHosts> = {
  production: {
    api: 'https://api.ebay.com',
    apiz: 'https://apiz.ebay.com',
    media: 'https://apim.ebay.com',
    auth: 'https://auth.ebay.com',
    web: EBAY_WEB.production,
  },
  sandbox: {
    api: 'https://api.sandbox.ebay.com',
    apiz: 'https://apiz.sandbox.ebay.com',
    media: 'https://apim.sandbox.ebay.com',
    auth: 'https://auth.sandbox.ebay.com',
    web: EBAY_WEB.sandbox,
  },
};

export function ebayHosts(settings: EbaySettings): EbayHosts {
  const own = EBAY[settings.environment];
  const api = settings.apiBase ? new URL(settings.apiBase).origin : own.api;
  return {
    api,
    apiz: settings.apiBase ? api : own.apiz,
    media: settings.apiBase ? api : own.media,
    auth: settings.authBase ? new URL(settings.authBase).origin : own.auth,
    web: own.web,
  };
}

/** The page of a listing on eBay. */
export const listingUrl = (settings: EbaySettings, itemNumber: string) =>
  ebayListingUrl(settings.environment, itemNumber);

/** What FlipSync asks the seller to grant; parts 2 and 3 need the write scopes, asked once. */
export const EBAY_SCOPES = [
  'https://api.ebay.com/oauth/api_scope',
  'https://api.ebay.com/oauth/api_scope/sell.inventory',
  'https://api.ebay.com/oauth/api_scope/sell.account',
  'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  'https://api.ebay.com/oauth/api_scope/sell.finances',
  'https://api.ebay.com/oauth/api_scope/commerce.identity.readonly',
];
