/**
 * Errors the relay answers with: `{ error: { code, message } }` and a status. Messages are
 * written here, never copied from eBay or from an exception, so nothing secret can ride along.
 */
import type { RelayErrorCode } from '../shared/ebay/relay-protocol';

export class RelayError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 412 | 413 | 429 | 500 | 502 | 503,
    readonly code: RelayErrorCode,
    message: string,
    /** Seconds, for 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'RelayError';
  }

  body() {
    return { error: { code: this.code, message: this.message } };
  }
}

export const ebayUnavailable = () =>
  new RelayError(502, 'ebay_unavailable', 'eBay did not answer as expected. Try again in a few minutes.');

export const relayMisconfigured = () =>
  new RelayError(
    502,
    'relay_misconfigured',
    'eBay refused this relay’s keyset. The relay’s operator must check its client id, secret and RuName.',
  );
