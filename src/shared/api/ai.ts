/**
 * The AI provider: key status (never the key itself), models, connection test, usage,
 * cost and the price table. The key goes in through `ai.setKey` and never comes back out.
 */
import { z } from 'zod';
import { headerSafe } from './credential-text';
import { route } from './route';

/** What went wrong with an AI call, in terms the seller can act on. */
export const AiErrorKindSchema = z.enum([
  'tls',
  'dns',
  'refused',
  'timeout',
  'network',
  'auth',
  'not_found',
  'rate_limit',
  'quota',
  'server',
  'bad_request',
  'cancelled',
  'budget',
  'no_key',
  'ca_file',
  'config',
  'unknown',
]);
export type AiErrorKind = z.infer<typeof AiErrorKindSchema>;

export const AiErrorInfoSchema = z.object({
  kind: AiErrorKindSchema,
  message: z.string(),
  hint: z.string().optional(),
});
export type AiErrorInfo = z.infer<typeof AiErrorInfoSchema>;

export const AiKeyStatusSchema = z.object({
  /** Whether a key is in the secret store. The key itself never leaves core. */
  stored: z.boolean(),
  /** Whether the chosen provider needs one (local Ollama / LM Studio do not). */
  required: z.boolean(),
  /** The server (host) a stored key was saved for, which may not be this one; null: none stored. */
  savedFor: z.string().nullable(),
  /** The server (host) the AI settings point at now; null: no valid address yet. */
  server: z.string().nullable(),
  /** Where secrets are kept: the OS keychain (desktop app) or a 0600 file (browser mode). */
  storedIn: z.enum(['keychain', 'file']),
  /** The secrets file in browser mode; null in the desktop app. */
  file: z.string().nullable(),
});

export const AiModelsSchema = z.object({
  endpoint: z.string(),
  models: z.array(z.string()),
});

export const AiTestConnectionSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    endpoint: z.string(),
    /** The model asked for, and the one that answered (providers often name a dated version). */
    model: z.string(),
    answeredBy: z.string(),
    latencyMs: z.number().nonnegative(),
    /** The proxy the call went through (scheme, host and port; never credentials), or null. */
    proxy: z.string().nullable(),
  }),
  z.object({ ok: z.literal(false), endpoint: z.string(), model: z.string(), error: AiErrorInfoSchema }),
]);
export type AiTestConnection = z.infer<typeof AiTestConnectionSchema>;

/** Prices in US dollars per million tokens, as providers publish them. */
export const ModelPriceSchema = z.object({
  model: z.string().trim().min(1, 'Name the model this price is for.').max(200),
  inputPerMTok: z.number().min(0, 'A price cannot be negative.').max(10_000),
  outputPerMTok: z.number().min(0, 'A price cannot be negative.').max(10_000),
  /** Price of prompt tokens served from the provider's cache; absent: same as input. */
  cachedInputPerMTok: z.number().min(0, 'A price cannot be negative.').max(10_000).optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;

export const PriceTableSchema = z.array(ModelPriceSchema).max(500);

export const AiUsageTodaySchema = z.object({
  /** The seller's local calendar day, YYYY-MM-DD. */
  day: z.string(),
  spentUsd: z.number().nonnegative(),
  budgetUsd: z.number().nonnegative(),
  calls: z.number().int().nonnegative(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** Calls to models without a price in the table: their cost is unknown, not zero. */
  unpricedCalls: z.number().int().nonnegative(),
  unpricedModels: z.array(z.string()),
  blocked: z.boolean(),
});
export type AiUsageToday = z.infer<typeof AiUsageTodaySchema>;

export const AiBudgetReachedSchema = z.object({
  day: z.string(),
  spentUsd: z.number(),
  budgetUsd: z.number(),
});

const none = z.object({}).strict().optional();

export const aiRoutes = {
  'ai.keyStatus': route({
    summary: 'Whether an API key is stored (never the key).',
    input: none,
    output: AiKeyStatusSchema,
  }),
  'ai.setKey': route({
    summary: 'Store the API key in the secret store.',
    input: z
      .object({
        key: headerSafe(
          z
            .string()
            .trim()
            .min(8, 'That is too short to be an API key; paste the whole key.')
            .max(1000, 'That is too long to be an API key.'),
          'The API key',
          true,
        ),
      })
      .strict(),
    output: AiKeyStatusSchema,
  }),
  'ai.clearKey': route({
    summary: 'Remove the stored API key.',
    input: none,
    output: AiKeyStatusSchema,
  }),
  'ai.models': route({
    summary: 'The models the endpoint offers (its /models list), sorted; empty if it lists none.',
    input: none,
    output: AiModelsSchema,
  }),
  'ai.testConnection': route({
    summary: 'One small real request with the saved settings: endpoint, model and latency, or the classified error.',
    input: none,
    output: AiTestConnectionSchema,
  }),
  'ai.usageToday': route({
    summary: "Today's AI calls, tokens and spend against the daily budget.",
    input: none,
    output: AiUsageTodaySchema,
  }),
  'ai.prices.get': route({
    summary: 'The price table used to cost each call.',
    input: none,
    output: PriceTableSchema,
  }),
  'ai.prices.set': route({
    summary: 'Replace the price table; answers it as saved.',
    input: z.object({ prices: PriceTableSchema }).strict(),
    output: PriceTableSchema,
  }),
};
