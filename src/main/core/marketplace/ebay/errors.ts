/**
 * eBay's failures as errors the seller can read: eBay's error id, its meaning from the
 * contract's x-response-codes, and what to do. Secrets never appear in them.
 */
import { AppError } from '../../errors';
import { describeTlsFailure, errorCodes } from '../../net/tls-errors';
import { RESPONSE_CODES } from './generated/response-codes';
import type { EbayApiName } from '@shared/api';

/** auth: the access token was refused (refresh once); reconnect: the seller must sign in again. */
export type EbayErrorKind = 'auth' | 'reconnect' | 'rate' | 'server' | 'request' | 'network' | 'cancelled';

export class EbayError extends AppError {
  constructor(
    readonly kind: EbayErrorKind,
    message: string,
    hint?: string,
    readonly errorId?: number,
    readonly status?: number,
  ) {
    super(
      kind === 'request' ? 'BAD_REQUEST' : kind === 'reconnect' || kind === 'auth' ? 'FORBIDDEN' : 'UNAVAILABLE',
      message,
      hint,
    );
    this.name = 'EbayError';
  }
}

export const reconnect = (why: string) =>
  new EbayError(
    'reconnect',
    `eBay no longer accepts FlipSync's sign-in: ${why}`,
    'Reconnect eBay in Settings → eBay. Nothing in FlipSync was lost.',
  );

interface EbayErrorBody {
  errors?: { errorId?: number; message?: string; longMessage?: string }[];
}

/** The meaning eBay's contract gives an error id, for one operation (or any of the API's). */
export function meaningOf(api: EbayApiName, operationId: string, errorId: number): string | undefined {
  const byApi = RESPONSE_CODES[api];
  if (!byApi) return undefined;
  const direct = byApi[operationId]?.[String(errorId)];
  if (direct) return direct.replace(/\s*\{\w+\}\.?/g, '').trim();
  for (const codes of Object.values(byApi))
    if (codes[String(errorId)]) return codes[String(errorId)]!.replace(/\s*\{\w+\}\.?/g, '').trim();
  return undefined;
}

/** A REST answer that is not a success, as an error. */
export function restError(api: EbayApiName, operationId: string, status: number, body: unknown): EbayError {
  const first = (body as EbayErrorBody | null)?.errors?.[0];
  const errorId = first?.errorId;
  const meaning = errorId !== undefined ? meaningOf(api, operationId, errorId) : undefined;
  const said = meaning ?? first?.longMessage ?? first?.message ?? `HTTP ${status}`;
  const tag = errorId !== undefined ? ` (eBay error ${errorId})` : '';
  if (status === 401)
    return new EbayError(
      'auth',
      `eBay refused the sign-in token${tag}.`,
      'FlipSync renews it by itself; if this stays, reconnect eBay.',
      errorId,
      status,
    );
  if (status === 403) {
    return new EbayError(
      'reconnect',
      `eBay says this account did not grant FlipSync access to that${tag}: ${said}`,
      'Reconnect eBay in Settings → eBay and agree to every permission asked.',
      errorId,
      status,
    );
  }
  if (status === 429)
    return new EbayError(
      'rate',
      `eBay asks FlipSync to slow down${tag}.`,
      'Try again in a few minutes; the daily call limits are in Settings → eBay.',
      errorId,
      status,
    );
  if (status >= 500)
    return new EbayError(
      'server',
      `eBay had a problem on its side${tag}: ${said}`,
      'eBay advises trying again; FlipSync retried a few times already.',
      errorId,
      status,
    );
  return new EbayError(
    'request',
    `eBay refused the request${tag}: ${said}`,
    'This is a FlipSync problem if it keeps happening; the details are in the log.',
    errorId,
    status,
  );
}

/** A connection that failed before eBay answered (offline, certificate, proxy). */
export function networkError(error: unknown, host: string): EbayError {
  // The same words as the AI's and sync's for a certificate problem: one trust, one explanation.
  const tls = describeTlsFailure(error, host);
  if (tls) return new EbayError('network', tls.message, tls.hint);
  const code = errorCodes(error)[0] ?? '';
  return new EbayError(
    'network',
    `FlipSync could not reach ${host}${code ? ` (${code})` : ''}.`,
    'Check the internet connection, then try again.',
  );
}
