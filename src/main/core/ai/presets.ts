import type { AiPreset, Settings } from '@shared/api';
import { AiError } from './errors';

interface Preset {
  label: string;
  /** The provider's own address; null where each seller has their own (Azure, custom). */
  baseUrl: string | null;
  /** Local servers accept any key, or none. */
  needsKey: boolean;
}

export const PRESETS: Record<AiPreset, Preset> = {
  openai: { label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true },
  // Azure's v1 API is OpenAI-compatible at https://<resource>.openai.azure.com/openai/v1.
  azure: { label: 'Azure OpenAI', baseUrl: null, needsKey: true },
  openrouter: { label: 'OpenRouter', baseUrl: 'https://openrouter.ai/api/v1', needsKey: true },
  ollama: { label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', needsKey: false },
  lmstudio: { label: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', needsKey: false },
  custom: { label: 'Custom', baseUrl: null, needsKey: false },
};

export interface Endpoint {
  preset: AiPreset;
  baseUrl: string;
  model: string;
  needsKey: boolean;
}

/** The address calls go to: the seller's base URL if set, else the preset's. */
export function resolveEndpoint(ai: Settings['ai']): Endpoint {
  const preset = PRESETS[ai.preset];
  const baseUrl = (ai.baseUrl || preset.baseUrl || '').replace(/\/+$/, '');
  if (!baseUrl) {
    throw new AiError(
      'config',
      `${preset.label} needs a base URL.`,
      ai.preset === 'azure'
        ? 'Enter your resource address in Settings → AI → Base URL, e.g. https://<resource>.openai.azure.com/openai/v1.'
        : 'Enter the address of your OpenAI-compatible server in Settings → AI → Base URL.',
    );
  }
  return { preset: ai.preset, baseUrl, model: ai.model, needsKey: preset.needsKey };
}
