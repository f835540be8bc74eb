/**
 * Settings the seller can change. Secrets (API keys, sync passwords) are NOT settings:
 * they live in the secret store and never reach a database or the renderer.
 *
 * Sections hold plain fields without zod defaults on purpose: a patch schema built from
 * them with `.partial()` must never fill in defaults and overwrite what the seller saved.
 */
import { z } from 'zod';
import { route } from './route';

export const GeneralSettingsSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as USD, GBP or EUR.'),
  theme: z.enum(['system', 'light', 'dark']),
  closeToTray: z.boolean(),
});

export const AiPresetSchema = z.enum(['openai', 'azure', 'openrouter', 'ollama', 'lmstudio', 'custom']);
export type AiPreset = z.infer<typeof AiPresetSchema>;

export const AiSettingsSchema = z.object({
  preset: AiPresetSchema,
  /** Empty means the preset's own address. */
  baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Use an http:// or https:// address.' })]),
  model: z.string().trim().min(1, 'Name a model, for example gpt-4o-mini.').max(200),
  /** A PEM file with extra certificate authorities to trust (corporate proxies). Empty: none. */
  caFile: z.string().max(4096),
  dailyBudgetUsd: z.number().min(0, 'The daily budget cannot be negative.').max(10_000),
});

export const InventorySettingsSchema = z.object({
  targetMarginPct: z.number().min(0).max(1000),
  staleListingDays: z.number().int().min(1).max(3650),
  lowStockThreshold: z.number().int().min(0).max(100_000),
});

export const SettingsSchema = z.object({
  general: GeneralSettingsSchema,
  ai: AiSettingsSchema,
  inventory: InventorySettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  general: { currency: 'USD', theme: 'system', closeToTray: true },
  ai: { preset: 'openai', baseUrl: '', model: 'gpt-4o-mini', caFile: '', dailyBudgetUsd: 5 },
  inventory: { targetMarginPct: 30, staleListingDays: 60, lowStockThreshold: 1 },
};

/** A change to some fields of some sections; unknown sections or fields are errors, not ignored. */
export const SettingsPatchSchema = z
  .object({
    general: GeneralSettingsSchema.partial().strict().optional(),
    ai: AiSettingsSchema.partial().strict().optional(),
    inventory: InventorySettingsSchema.partial().strict().optional(),
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
