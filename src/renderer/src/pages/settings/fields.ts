import type { Settings } from '@shared/api';

type Section = keyof Settings;

export interface FieldDef {
  section: Section;
  key: string;
  label: string;
  kind: 'text' | 'number' | 'select' | 'checkbox';
  options?: readonly { value: string; label: string }[];
  help?: string;
  step?: string;
}

export interface SectionDef {
  section: Section;
  title: string;
  fields: FieldDef[];
}

/** The settings form, declared once; the page renders it and diffs it into a patch. */
export const SECTIONS: SectionDef[] = [
  {
    section: 'general',
    title: 'General',
    fields: [
      { section: 'general', key: 'currency', label: 'Currency', kind: 'text', help: 'Three letters, e.g. USD.' },
      {
        section: 'general',
        key: 'theme',
        label: 'Theme',
        kind: 'select',
        options: [
          { value: 'system', label: 'Follow the system' },
          { value: 'light', label: 'Light' },
          { value: 'dark', label: 'Dark' },
        ],
      },
      {
        section: 'general',
        key: 'closeToTray',
        label: 'Keep running in the tray when the window closes',
        kind: 'checkbox',
      },
    ],
  },
  {
    section: 'inventory',
    title: 'Inventory',
    fields: [
      { section: 'inventory', key: 'targetMarginPct', label: 'Target margin (%)', kind: 'number', step: '0.1' },
      { section: 'inventory', key: 'staleListingDays', label: 'A listing is stale after (days)', kind: 'number' },
      { section: 'inventory', key: 'lowStockThreshold', label: 'Low stock at or below', kind: 'number' },
      {
        section: 'inventory',
        key: 'healthScanHours',
        label: 'Run the inventory health scan every (hours)',
        kind: 'number',
        help: '0 turns the scheduled scan off; you can still run it from the Agents page.',
      },
      {
        section: 'inventory',
        key: 'markdownCooldownDays',
        label: 'Wait between markdowns of one item (days)',
        kind: 'number',
        help: 'After a markdown is proposed for an item, the health scan proposes no other for it this long.',
      },
      {
        section: 'inventory',
        key: 'markdownBelowBreakEven',
        label: 'Allow markdowns below cost plus fees',
        kind: 'checkbox',
      },
    ],
  },
  {
    section: 'notifications',
    title: 'Notifications',
    fields: [
      { section: 'notifications', key: 'proposalWaiting', label: 'A proposal waits for approval', kind: 'checkbox' },
      { section: 'notifications', key: 'runFailed', label: 'An agent run failed', kind: 'checkbox' },
      { section: 'notifications', key: 'lowStock', label: 'An item is low on stock', kind: 'checkbox' },
      { section: 'notifications', key: 'itemSold', label: 'An item sold', kind: 'checkbox' },
      { section: 'notifications', key: 'syncError', label: 'Sync stopped with an error', kind: 'checkbox' },
      { section: 'notifications', key: 'budgetReached', label: 'The daily AI budget is reached', kind: 'checkbox' },
      {
        section: 'notifications',
        key: 'quietHours',
        label: 'Quiet hours',
        kind: 'checkbox',
        help: 'No notifications between the times below; what happened is summed up when they end.',
      },
      {
        section: 'notifications',
        key: 'quietStart',
        label: 'Quiet from',
        kind: 'text',
        help: '24-hour time, e.g. 22:00.',
      },
      {
        section: 'notifications',
        key: 'quietEnd',
        label: 'Quiet until',
        kind: 'text',
        help: '24-hour time, e.g. 07:00.',
      },
    ],
  },
];

/**
 * The AI provider's fields, in the order a seller fills them in. They have their own form on
 * the page (with the key and Test connection), so they are not in SECTIONS.
 */
export const AI_FIELDS: FieldDef[] = [
  {
    section: 'ai',
    key: 'preset',
    label: 'Provider',
    kind: 'select',
    options: [
      { value: 'openai', label: 'OpenAI' },
      { value: 'azure', label: 'Azure OpenAI' },
      { value: 'openrouter', label: 'OpenRouter' },
      { value: 'ollama', label: 'Ollama (local)' },
      { value: 'lmstudio', label: 'LM Studio (local)' },
      { value: 'custom', label: 'Custom OpenAI-compatible address' },
    ],
  },
  { section: 'ai', key: 'baseUrl', label: 'Base URL', kind: 'text', help: "Empty: the provider's own address." },
  { section: 'ai', key: 'model', label: 'Model', kind: 'text' },
  {
    section: 'ai',
    key: 'vision',
    label: 'Model accepts images',
    kind: 'select',
    options: [
      { value: 'auto', label: 'Automatic' },
      { value: 'yes', label: 'Yes: send resized photos to the listing writer' },
      { value: 'no', label: 'No: text only' },
    ],
  },
  {
    section: 'ai',
    key: 'caFile',
    label: 'CA certificate file (PEM)',
    kind: 'text',
    help: "Only for networks that inspect HTTPS: the path of your organisation's root certificate. Checked when you save; verification is never turned off.",
  },
  { section: 'ai', key: 'dailyBudgetUsd', label: 'Daily budget (USD)', kind: 'number', step: '0.01' },
];
export const aiField = (key: string) => AI_FIELDS.find((f) => f.key === key)!;

export type Draft = Record<string, string | boolean>;
export const fieldId = (f: FieldDef) => `${f.section}.${f.key}`;

export function draftFrom(settings: Settings, sections = SECTIONS): Draft {
  const draft: Draft = {};
  for (const { fields } of sections) {
    for (const f of fields) {
      const value = (settings[f.section] as Record<string, unknown>)[f.key];
      draft[fieldId(f)] = typeof value === 'boolean' ? value : String(value);
    }
  }
  return draft;
}

/**
 * Only the fields the seller changed go into the patch. Numbers are sent as typed (an empty
 * box becomes null) so the core, the one validator, names what is wrong.
 */
export function patchFrom(
  settings: Settings,
  draft: Draft,
  sections = SECTIONS,
): Record<string, Record<string, unknown>> {
  const patch: Record<string, Record<string, unknown>> = {};
  for (const { fields } of sections) {
    for (const f of fields) {
      const saved = (settings[f.section] as Record<string, unknown>)[f.key];
      const raw = draft[fieldId(f)];
      const value = f.kind === 'number' ? (raw === '' ? null : Number(raw)) : raw;
      if (value !== saved) (patch[f.section] ??= {})[f.key] = value;
    }
  }
  return patch;
}

export const AI_SECTION: SectionDef[] = [{ section: 'ai', title: 'AI', fields: AI_FIELDS }];
