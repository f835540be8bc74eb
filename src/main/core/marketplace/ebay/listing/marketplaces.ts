/** The eBay sites FlipSync lists on: the currency each prices in and the language its listings are written in. */
import type { EbaySettings } from '@shared/api';

export const MARKETPLACES: Record<EbaySettings['marketplaceId'], { currency: string; language: string }> = {
  EBAY_US: { currency: 'USD', language: 'en-US' },
  EBAY_GB: { currency: 'GBP', language: 'en-GB' },
  EBAY_DE: { currency: 'EUR', language: 'de-DE' },
  EBAY_CA: { currency: 'CAD', language: 'en-CA' },
  EBAY_AU: { currency: 'AUD', language: 'en-AU' },
};
