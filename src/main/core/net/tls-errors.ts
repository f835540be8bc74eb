/**
 * Certificate failures in words the seller can act on, for every connection FlipSync makes
 * (AI, sync, marketplaces): a TLS failure says the same thing wherever it happens.
 */
import { AppError } from '../errors';
import { errorChain } from './error-chain';

export const TLS_HINT =
  "Your network inspects HTTPS (a company proxy or antivirus). Add your organisation's certificate in Settings → AI → CA certificate file.";

const UNKNOWN_ISSUER = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);
const SELF_SIGNED = new Set(['SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** Every `code` in the error, its causes and any AggregateError members, outermost first. */
export function errorCodes(error: unknown): string[] {
  return errorChain(error).flatMap((e) => (typeof e.code === 'string' ? [e.code] : []));
}

/** The certificate problem in `error` (talking to `where`, a host:port), or null when it is not one. */
export function describeTlsFailure(
  error: unknown,
  where: string,
  /** What the seller typed the address into, for the hostname-mismatch hint. */
  address = 'the address',
  /** The CA certificate file, when it holds only intermediates: the root it lacks (see missingRoot). */
  caFileWithoutRoot?: { file: string; root: string } | null,
): { message: string; hint: string } | null {
  const codes = errorCodes(error);
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  if (has(UNKNOWN_ISSUER) && caFileWithoutRoot) {
    const { file, root } = caFileWithoutRoot;
    return {
      message: `The certificate of ${where} was issued by an authority FlipSync does not trust (unknown issuer). Your CA certificate file ${file} holds only an intermediate certificate, not the root of its chain (${root}).`,
      hint: `Add the root certificate (the self-signed one at the top of the chain, "${root}") to the CA certificate file, or pick a file that holds it. Your IT department, or the certificate viewer of your browser, can export it as PEM.`,
    };
  }
  if (has(UNKNOWN_ISSUER)) {
    return {
      message: `The certificate of ${where} was issued by an authority FlipSync does not trust (unknown issuer).`,
      hint: TLS_HINT,
    };
  }
  if (has(SELF_SIGNED)) {
    return {
      message: `The certificate of ${where} is self-signed or chains to an untrusted self-signed root.`,
      hint: TLS_HINT,
    };
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return {
      message: `The certificate presented for ${where} is for a different name (hostname mismatch).`,
      hint: `${TLS_HINT} If you typed ${address} yourself, check its spelling.`,
    };
  }
  if (has(EXPIRED)) {
    return {
      message: `The certificate of ${where} has expired or is not valid yet.`,
      hint: "Check your computer's date and time; if they are right, the server's certificate must be renewed.",
    };
  }
  const tlsCode = codes.find((c) => /^(ERR_SSL|ERR_TLS|CERT_|EPROTO)/.test(c));
  if (tlsCode) return { message: `The secure connection to ${where} failed (${tlsCode}).`, hint: TLS_HINT };
  return null;
}

/** The seller's CA file cannot be used (missing, not PEM, unreadable); says what to fix. */
export class CaFileError extends AppError {
  constructor(message: string, hint: string) {
    super('BAD_REQUEST', message, hint);
    this.name = 'CaFileError';
  }
}
