/**
 * Settings the seller can change. Secrets (API keys, sync passwords) are NOT settings:
 * they live in the secret store and never reach a database or the renderer.
 *
 * Sections hold plain fields without zod defaults on purpose: a patch schema built from
 * them with `.partial()` must never fill in defaults and overwrite what the seller saved.
 */
import { z } from 'zod';
import { headerSafe } from './credential-text';
import { route } from './route';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * This machine, or an address of a private network (a model server such as LM Studio on
 * another computer at home, or in a container): where plain http is acceptable for AI calls.
 */
function isLocalHost(host: string): boolean {
  if (LOCAL_HOSTS.has(host)) return true;
  // A name without a dot (gpu-box), or one of the suffixes home and container networks use.
  if (!host.includes('.') && !host.startsWith('[')) return true;
  if (/\.(local|lan|internal|home\.arpa)$/.test(host)) return true;
  // IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
  if (/^\[(f[cd][0-9a-f]{0,2}|fe[89ab][0-9a-f]?):/i.test(host)) return true;
  const m = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return (
    a === 10 ||
    a === 127 ||
    (a === 192 && b === 168) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 169 && b === 254) ||
    // 100.64.0.0/10: carrier-grade NAT, which Tailscale and similar private networks use.
    (a === 100 && b >= 64 && b <= 127)
  );
}

export const GeneralSettingsSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD, GBP or EUR.'),
  theme: z.enum(['system', 'light', 'dark']),
  closeToTray: z.boolean(),
});

export const AiPresetSchema = z.enum(['openai', 'azure', 'openrouter', 'ollama', 'lmstudio', 'custom']);
export type AiPreset = z.infer<typeof AiPresetSchema>;

export const AiSettingsSchema = z.object({
  preset: AiPresetSchema,
  /** Empty means the preset's own address. Saved before the stricter rules: still read. */
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Use an http:// or https:// address.' })]),
  model: z.string().trim().min(1, 'Name a model, for example gpt-4o-mini.').max(200),
  /** A PEM file with extra certificate authorities to trust (corporate proxies). Empty: none. */
  caFile: z.string().max(4096),
  dailyBudgetUsd: z.number().min(0, 'The daily budget cannot be negative.').max(10_000),
  /** Whether the model accepts images (photos for the listing writer); auto: by provider and model. */
  vision: z.enum(['auto', 'yes', 'no'], 'Choose auto, yes or no.'),
});

export const InventorySettingsSchema = z.object({
  targetMarginPct: z.number().min(0).max(1000),
  staleListingDays: z.number().int().min(1).max(3650),
  lowStockThreshold: z.number().int().min(0).max(100_000),
  /** How often the inventory health agent scans on its own, in hours; 0: only when asked. */
  healthScanHours: z
    .number()
    .int()
    .min(0, 'Use 0 to turn the scheduled scan off.')
    .max(168, 'Scan at least once a week (168 hours).'),
  /** After a markdown of an item is proposed, the scan proposes none for it for this many days. */
  markdownCooldownDays: z
    .number()
    .int()
    .min(0, 'Use 0 to allow a markdown on every scan.')
    .max(365, 'Use at most 365 days.'),
  /** Let markdowns go below cost plus fees (off: never below break-even). */
  markdownBelowBreakEven: z.boolean(),
  /** Finished agent runs and decided proposals older than this are removed (their counts kept). */
  agentHistoryDays: z
    .number()
    .int()
    .min(7, 'Keep at least 7 days of agent history.')
    .max(3650, 'Use at most 3650 days (10 years).'),
});

interface AddressRules {
  /** Said when it is not an http(s) address at all. */
  example: string;
  credentials: string;
  query: string;
  /** Where plain http may go, and what to say elsewhere. */
  httpAllowed(host: string): boolean;
  http(host: string): string;
}

/**
 * A server address ('' when not set): http(s), with no credentials, ?query or #fragment in it
 * (they would be echoed in settings, logs and errors), and plain http only where `rules` allow.
 */
function serverAddress(rules: AddressRules) {
  return z.union([
    z.literal(''),
    z.url({ protocol: /^https?$/, error: rules.example }).superRefine((value, ctx) => {
      // z.url has refused it already ("couch.example.com" without https://); reading it would throw.
      if (!URL.canParse(value)) return;
      const url = new URL(value);
      if (url.username || url.password) ctx.addIssue({ code: 'custom', message: rules.credentials });
      if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: rules.query });
      if (url.protocol === 'http:' && !rules.httpAllowed(url.hostname)) {
        ctx.addIssue({ code: 'custom', message: rules.http(url.hostname) });
      }
    }),
  ]);
}

/**
 * The AI address as the seller sets it now; plain http only to this machine or a private
 * network (the key travels with each call). Applied to changes, not to what was saved
 * before, so an older setup is not reset to the defaults on upgrade.
 */
export const AiBaseUrlInputSchema = serverAddress({
  example: 'Use an http:// or https:// address, such as https://api.openai.com/v1.',
  credentials: 'Leave the username and password out of the address; put the key in the API key field.',
  query: 'Leave ?query and #fragment out of the address; put a key in the API key field.',
  httpAllowed: isLocalHost,
  http: (host) =>
    `Use https:// for ${host}: the API key would cross the internet unencrypted. Plain http:// is for servers on this machine or your home network.`,
});

/**
 * A CouchDB server address: https, or plain http only to this machine (a password sent over
 * http to another host could be read by anyone on the network).
 */
export const SyncUrlSchema = serverAddress({
  example: 'Use the server address, such as https://couch.example.com:6984.',
  credentials: 'Put the username and password in their own fields, not in the server address.',
  query: 'Leave ?query and #fragment out of the server address.',
  httpAllowed: (host) => LOCAL_HOSTS.has(host),
  http: (host) => `Use https:// for ${host}: plain http:// is only allowed for localhost and 127.0.0.1.`,
});

export const SyncSettingsSchema = z.object({
  /** The CouchDB server (or a path on it behind a proxy); '' when sync was never set up. */
  url: SyncUrlSchema,
  enabled: z.boolean(),
  /** Which photo originals come to this device: all, the ones opened (on demand), or none
   *  (thumbnails always do). With none, originals added here stay here too. */
  photoOriginals: z.enum(['all', 'on-demand', 'never']),
});

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 22:00.');

/** Which events become desktop notifications, and when to stay silent (local time). */
export const NotificationSettingsSchema = z.object({
  proposalWaiting: z.boolean(),
  runFailed: z.boolean(),
  lowStock: z.boolean(),
  itemSold: z.boolean(),
  syncError: z.boolean(),
  budgetReached: z.boolean(),
  quietHours: z.boolean(),
  /** Quiet from this time (inclusive) until quietEnd; may span midnight (22:00 to 07:00). */
  quietStart: ClockTime,
  quietEnd: ClockTime,
});
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

/** An https address, or '' for "not set" (eBay's own hosts, or no relay). */
const HttpsAddress = z.union([
  z.literal(''),
  z.url({ protocol: /^https$/, error: 'Use an https:// address, such as https://relay.flipsync.app.' }),
]);

/**
 * How FlipSync reaches eBay. The client secret (own keys) and the tokens are secrets, not
 * settings. `apiBase`/`authBase` replace eBay's hosts for a private test setup ('' = eBay's).
 */
export const EbaySettingsSchema = z.object({
  environment: z.enum(['production', 'sandbox']),
  signIn: z.enum(['relay', 'own-keys']),
  relayUrl: HttpsAddress,
  clientId: headerSafe(z.string().trim().max(200), 'The client id', true),
  ruName: z.string().trim().max(200),
  apiBase: HttpsAddress,
  authBase: HttpsAddress,
  /** "Import from eBay" also fetches each new item's first listing picture as its photo. */
  importPictures: z.boolean(),
  /** How often eBay's orders are read while an account is connected. */
  ordersPollMinutes: z.number().int().min(1, 'Check at most once a minute.').max(60, 'Check at least once an hour.'),
  /**
   * Stock on hand of linked items is sent to their eBay listings. At 0 a listing goes out of
   * stock when the seller's Out-of-Stock control is on in eBay, and ends when it is off.
   */
  pushStock: z.boolean(),
  /** Listing from FlipSync (Settings → eBay → Listing setup): the site and what every listing uses. */
  marketplaceId: z.enum(['EBAY_US', 'EBAY_GB', 'EBAY_DE', 'EBAY_CA', 'EBAY_AU']),
  fulfillmentPolicyId: z.string().trim().max(40),
  paymentPolicyId: z.string().trim().max(40),
  returnPolicyId: z.string().trim().max(40),
  /** The inventory location listings ship from (its key cannot change on eBay). */
  merchantLocationKey: z.string().trim().max(36),
  /** eBay's catalog may fill in and overwrite title and details; off unless the seller asks. */
  catalogDetails: z.boolean(),
});
export type EbaySettings = z.infer<typeof EbaySettingsSchema>;

/**
 * What a marketplace charges a sale, per currency, from a date: pricing uses the newest table
 * of the seller's currency in force on the day it prices. Editable, because fees change and
 * differ by marketplace and seller status; dated, so a change is recorded, not overwritten.
 */
export const FeeTableSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD, GBP or EUR.'),
  marketplace: z.string().trim().min(1, 'Name the marketplace, e.g. EBAY_US.').max(40),
  ratePct: z.number().min(0, 'The rate cannot be negative.').max(50, 'Use a rate of at most 50%.'),
  perOrder: z.number().min(0, 'The fee per order cannot be negative.').max(100),
  since: z.iso.date({ error: 'Use a date like 2026-01-01.' }),
  source: z.string().trim().max(200),
});
export type FeeTable = z.infer<typeof FeeTableSchema>;

export const FeeSettingsSchema = z.object({ tables: z.array(FeeTableSchema).max(50, 'Keep at most 50 fee tables.') });

export const SettingsSchema = z.object({
  general: GeneralSettingsSchema,
  ai: AiSettingsSchema,
  inventory: InventorySettingsSchema,
  sync: SyncSettingsSchema,
  notifications: NotificationSettingsSchema,
  ebay: EbaySettingsSchema,
  fees: FeeSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  general: { currency: 'USD', theme: 'system', closeToTray: true },
  ai: { preset: 'openai', baseUrl: '', model: 'gpt-4o-mini', caFile: '', dailyBudgetUsd: 5, vision: 'auto' },
  inventory: {
    targetMarginPct: 30,
    staleListingDays: 60,
    lowStockThreshold: 1,
    healthScanHours: 6,
    markdownCooldownDays: 14,
    markdownBelowBreakEven: false,
    agentHistoryDays: 180,
  },
  sync: { url: '', enabled: false, photoOriginals: 'all' },
  notifications: {
    proposalWaiting: true,
    runFailed: true,
    lowStock: true,
    itemSold: true,
    syncError: true,
    budgetReached: true,
    quietHours: false,
    quietStart: '22:00',
    quietEnd: '07:00',
  },
  ebay: {
    environment: 'production',
    signIn: 'relay',
    relayUrl: 'https://relay.flipsync.app',
    clientId: '',
    ruName: '',
    apiBase: '',
    authBase: '',
    importPictures: true,
    ordersPollMinutes: 3,
    pushStock: true,
    marketplaceId: 'EBAY_US',
    fulfillmentPolicyId: '',
    paymentPolicyId: '',
    returnPolicyId: '',
    merchantLocationKey: '',
    catalogDetails: false,
  },
  fees: {
    tables: [
      {
        currency: 'USD',
        marketplace: 'EBAY_US',
        ratePct: 13.6,
        perOrder: 0.4,
        since: '2025-01-01',
        source: 'eBay final value fee, most categories: 13.6% + $0.40 per order (eBay Selling fees page, 2025)',
      },
    ],
  },
};

/** A change to some fields of some sections; unknown sections or fields are errors, not ignored. */
export const SettingsPatchSchema = z
  .object({
    general: GeneralSettingsSchema.partial().strict().optional(),
    ai: AiSettingsSchema.extend({ baseUrl: AiBaseUrlInputSchema }).partial().strict().optional(),
    inventory: InventorySettingsSchema.partial().strict().optional(),
    sync: SyncSettingsSchema.partial().strict().optional(),
    notifications: NotificationSettingsSchema.partial().strict().optional(),
    ebay: EbaySettingsSchema.partial().strict().optional(),
    fees: FeeSettingsSchema.partial().strict().optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const settingsRoutes = {
  'settings.get': route({
    summary: 'All settings, with defaults for anything never set.',
    input: z.object({}).strict().optional(),
    output: SettingsSchema,
  }),
  'settings.set': route({
    summary: 'Change some settings; answers the settings as saved.',
    input: SettingsPatchSchema,
    output: SettingsSchema,
  }),
};
