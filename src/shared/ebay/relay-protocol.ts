/**
 * The token relay's wire protocol, shared by the relay (src/relay) and the app's eBay client.
 * Both sides parse what they receive with these schemas, so a change here is a change to the
 * protocol on both ends. Plain TypeScript and zod only: it compiles for Node and the renderer.
 */
import { z } from 'zod';

export const RELAY_ENVIRONMENTS = ['production', 'sandbox'] as const;
export const RelayEnvironmentSchema = z.enum(RELAY_ENVIRONMENTS);
export type RelayEnvironment = z.infer<typeof RelayEnvironmentSchema>;

/** Random id per data folder; the relay uses it only to rate-limit. */
export const INSTALL_HEADER = 'X-FlipSync-Install';

/** Every eBay OAuth scope, production and sandbox alike, starts with this. */
export const EBAY_SCOPE_PREFIX = 'https://api.ebay.com/oauth/api_scope';
/** The scope of an application token (client_credentials): Browse, Taxonomy, getPublicKey. */
export const EBAY_APP_SCOPE = EBAY_SCOPE_PREFIX;

const isoDate = z.iso.datetime({ offset: true });

export const ScopeSchema = z
  .string()
  .max(200)
  .refine((s) => s === EBAY_SCOPE_PREFIX || s.startsWith(`${EBAY_SCOPE_PREFIX}/`), {
    message: `each scope must start with ${EBAY_SCOPE_PREFIX}`,
  });
export const ScopesSchema = z.array(ScopeSchema).min(1, 'name at least one scope').max(50);

export const RelayErrorCodeSchema = z.enum([
  'bad_request',
  'unknown_environment',
  'environment_not_configured',
  'invalid_grant',
  'invalid_scope',
  'rate_limited',
  'ebay_rate_limited',
  'ebay_unavailable',
  'relay_misconfigured',
  'not_found',
  'unverifiable',
  'payload_too_large',
  'internal',
]);
export type RelayErrorCode = z.infer<typeof RelayErrorCodeSchema>;

export const RelayErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type RelayErrorBody = z.infer<typeof RelayErrorBodySchema>;

export const HealthResponseSchema = z.object({
  ok: z.literal(true),
  environments: z.array(RelayEnvironmentSchema),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const AuthorizeUrlRequestSchema = z.object({
  state: z.string().min(1, 'state is empty').max(2048, 'state is longer than 2048 characters'),
  scopes: ScopesSchema,
});
export type AuthorizeUrlRequest = z.infer<typeof AuthorizeUrlRequestSchema>;
export const AuthorizeUrlResponseSchema = z.object({ url: z.url() });
export type AuthorizeUrlResponse = z.infer<typeof AuthorizeUrlResponseSchema>;

export const TokenRequestSchema = z.object({
  code: z.string().min(1, 'code is empty').max(4096),
  /**
   * The scopes the app asked consent for. Optional: eBay's code-exchange answer does not name
   * the granted scopes, so the relay echoes these when eBay says nothing.
   */
  scopes: ScopesSchema.optional(),
});
export type TokenRequest = z.infer<typeof TokenRequestSchema>;
export const TokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: isoDate,
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: isoDate,
  scopes: z.array(z.string()),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const RefreshRequestSchema = z.object({
  refreshToken: z.string().min(1, 'refreshToken is empty').max(4096),
  scopes: ScopesSchema,
});
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;
export const RefreshResponseSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: isoDate,
  scopes: z.array(z.string()),
});
export type RefreshResponse = z.infer<typeof RefreshResponseSchema>;

export const AppTokenResponseSchema = z.object({
  accessToken: z.string().min(1),
  expiresAt: isoDate,
});
export type AppTokenResponse = z.infer<typeof AppTokenResponseSchema>;

export const DeletionChallengeResponseSchema = z.object({
  challengeResponse: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * `state` is `<nonce>.<base64url of the app's return address>`: the accept page reads the
 * return address from it to hand the code back to the app on this computer.
 */
export function makeRelayState(nonce: string, returnAddress: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(nonce)) throw new Error('state nonce must be base64url characters');
  return `${nonce}.${toBase64Url(returnAddress)}`;
}

/** The return address carried in `state`, or null when `state` does not carry a readable one. */
export function readRelayState(state: string): { nonce: string; returnAddress: string } | null {
  const dot = state.indexOf('.');
  if (dot <= 0) return null;
  const nonce = state.slice(0, dot);
  const encoded = state.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(nonce) || !/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  const returnAddress = fromBase64Url(encoded);
  return returnAddress === null ? null : { nonce, returnAddress };
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string | null {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
