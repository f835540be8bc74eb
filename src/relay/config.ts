/**
 * The relay's configuration, read once from environment variables and checked at start: a
 * missing or malformed variable stops the relay with a message naming it (never its value,
 * since most of them are secrets).
 */
import { z } from 'zod';
import { RELAY_ENVIRONMENTS, type RelayEnvironment } from '../shared/ebay/relay-protocol';

export interface EbayKeyset {
  environment: RelayEnvironment;
  clientId: string;
  clientSecret: string;
  ruName: string;
  /** Where the token, Identity and Notification APIs live (https://api.ebay.com). */
  apiBase: string;
  /** Where the consent page lives (https://auth.ebay.com). */
  authBase: string;
}

export interface RelayConfig {
  keysets: Partial<Record<RelayEnvironment, EbayKeyset>>;
  /** Marketplace account deletion; absent when neither variable is set. */
  deletion: { verificationToken: string; endpointUrl: string } | null;
  rateLimitPerMinute: number;
  port: number;
  host: string;
  /**
   * A header set by the platform or load balancer in front of the relay that carries the
   * caller's address (its last comma-separated entry is used); absent: the socket's address.
   */
  clientIpHeader: string | null;
}

export class RelayConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The relay cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RelayConfigError';
  }
}

const DEFAULT_BASES: Record<RelayEnvironment, { api: string; auth: string }> = {
  production: { api: 'https://api.ebay.com', auth: 'https://auth.ebay.com' },
  sandbox: { api: 'https://api.sandbox.ebay.com', auth: 'https://auth.sandbox.ebay.com' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const baseUrl = z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''));
// eBay: 32 to 80 characters, letters, digits, underscore and hyphen.
const verificationToken = z.string().regex(/^[A-Za-z0-9_-]{32,80}$/);
const httpsUrl = z.url({ protocol: /^https$/ });
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

type Env = Record<string, string | undefined>;

/** Reads the configuration from `env` (process.env, or a serverless platform's bindings). */
export function loadRelayConfig(env: Env): RelayConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  // Each check names the variable and what is expected; zod's own message might quote input.
  const check = <T>(name: string, schema: z.ZodType<T>, expected: string): T | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    problems.push(`${name} is not valid: expected ${expected}`);
    return undefined;
  };

  const keysets: RelayConfig['keysets'] = {};
  for (const environment of RELAY_ENVIRONMENTS) {
    const prefix = `EBAY_${environment.toUpperCase()}_`;
    const names = ['CLIENT_ID', 'CLIENT_SECRET', 'RUNAME'].map((n) => prefix + n);
    const present = names.filter((n) => value(n) !== undefined);
    if (present.length === 0) continue;
    if (present.length < names.length) {
      const missing = names.filter((n) => !present.includes(n));
      problems.push(
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: set all three ${prefix}* variables, ` +
          `or none of them to leave ${environment} out`,
      );
      continue;
    }
    const clientId = check(names[0]!, text(200), 'the App ID (Client ID) of your eBay keyset');
    const clientSecret = check(names[1]!, text(500), 'the Cert ID (Client Secret) of your eBay keyset');
    const ruName = check(names[2]!, text(300), 'the RuName (eBay Redirect URL name) of your eBay keyset');
    const apiBase = check(`${prefix}API_BASE`, baseUrl, 'an http(s) address') ?? DEFAULT_BASES[environment].api;
    const authBase = check(`${prefix}AUTH_BASE`, baseUrl, 'an http(s) address') ?? DEFAULT_BASES[environment].auth;
    if (clientId && clientSecret && ruName) {
      keysets[environment] = { environment, clientId, clientSecret, ruName, apiBase, authBase };
    }
  }
  if (problems.length === 0 && Object.keys(keysets).length === 0) {
    problems.push(
      'no eBay keyset is configured: set EBAY_PRODUCTION_CLIENT_ID, EBAY_PRODUCTION_CLIENT_SECRET and ' +
        'EBAY_PRODUCTION_RUNAME (or the EBAY_SANDBOX_* twins)',
    );
  }

  const token = check('EBAY_VERIFICATION_TOKEN', verificationToken, '32 to 80 letters, digits, _ or -');
  const endpointUrl = check(
    'EBAY_DELETION_ENDPOINT_URL',
    httpsUrl,
    'the https:// address of this relay’s /ebay/account-deletion, exactly as entered at eBay',
  );
  let deletion: RelayConfig['deletion'] = null;
  const tokenSet = value('EBAY_VERIFICATION_TOKEN') !== undefined;
  const urlSet = value('EBAY_DELETION_ENDPOINT_URL') !== undefined;
  if (tokenSet !== urlSet) {
    problems.push(
      `${tokenSet ? 'EBAY_DELETION_ENDPOINT_URL' : 'EBAY_VERIFICATION_TOKEN'} is missing: ` +
        'marketplace account deletion needs both EBAY_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT_URL',
    );
  } else if (!tokenSet && keysets.production) {
    // eBay requires every production keyset to answer account deletion notifications.
    problems.push(
      'EBAY_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT_URL are missing: eBay requires a production ' +
        'keyset to answer marketplace account deletion notifications',
    );
  } else if (token && endpointUrl) {
    deletion = { verificationToken: token, endpointUrl };
  }

  const rateLimitPerMinute =
    check('RELAY_RATE_LIMIT_PER_MINUTE', positiveInt(100_000), 'a whole number from 1 to 100000') ?? 60;
  const port = check('PORT', z.coerce.number().int().min(0).max(65_535), 'a port number from 0 to 65535') ?? 8080;
  const host = check('HOST', text(255), 'an address to listen on, such as 0.0.0.0') ?? '127.0.0.1';
  const clientIpHeader =
    check('RELAY_CLIENT_IP_HEADER', z.string().regex(/^[A-Za-z0-9-]{1,100}$/), 'a header name') ?? null;

  if (problems.length > 0) throw new RelayConfigError(problems);
  return { keysets, deletion, rateLimitPerMinute, port, host, clientIpHeader: clientIpHeader?.toLowerCase() ?? null };
}
