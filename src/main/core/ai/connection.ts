/**
 * Everything a call needs, built from the saved settings: endpoint, key, trusted fetch,
 * client. The trusted fetch is kept while the CA file's contents stay the same.
 */
import type OpenAI from 'openai';
import type { Settings } from '@shared/api';
import { hostOf, readBound } from '../platform/bound-secrets';
import type { SecretStore } from '../platform/types';
import type { SettingsStore } from '../settings/store';
import { createOpenAiClient } from './client';
import { AiError, classify, type ErrorContext } from './errors';
import { PRESETS, resolveEndpoint, type Endpoint } from './presets';
import { CaFileError } from '../net/tls-errors';
import type { TrustedFetch } from '../net/trust';
import type { TrustedFetches } from '../net/trusted-fetches';

export const API_KEY_SECRET = 'ai.apiKey';

export interface Connection {
  endpoint: Endpoint;
  client: OpenAI;
  settings: Settings['ai'];
  errorContext: ErrorContext;
  classify(error: unknown): AiError;
}

export class ConnectionFactory {
  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    /** Shared with sync and the marketplaces; closed by whoever made it. */
    private readonly trust: TrustedFetches,
  ) {}

  async open(options: { model?: string; timeoutMs: number }): Promise<Connection> {
    const ai = (await this.settings.get()).ai;
    const endpoint = { ...resolveEndpoint(ai), ...(options.model ? { model: options.model } : {}) };
    const key = await readBound(this.secrets, API_KEY_SECRET, new URL(endpoint.baseUrl).origin);
    const apiKey = key.value;
    const local = ai.preset === 'ollama' || ai.preset === 'lmstudio';
    // A key saved for another address is never sent here; local model servers need none.
    if (!apiKey && key.boundTo && !local) {
      throw new AiError(
        'no_key',
        `The API key was saved for ${hostOf(key.boundTo)}, so it is not sent to ${new URL(endpoint.baseUrl).host}.`,
        'Check the provider address, then paste the key for it in Settings → AI → API key (or clear the stored key if this server needs none).',
      );
    }
    if (endpoint.needsKey && !apiKey) {
      throw new AiError(
        'no_key',
        `No API key is stored for ${PRESETS[ai.preset].label}.`,
        'Paste your key in Settings → AI → API key.',
      );
    }
    const trusted = await this.trustedFetch(ai.caFile);
    const root = trusted.missingRoot;
    const errorContext: ErrorContext = {
      baseUrl: endpoint.baseUrl,
      model: endpoint.model,
      secrets: apiKey ? [apiKey] : [],
      local,
      proxy: trusted.proxy,
      caFileWithoutRoot: root ? { file: ai.caFile, root } : null,
    };
    return {
      endpoint,
      settings: ai,
      client: createOpenAiClient({ endpoint, apiKey, fetch: trusted.fetch, timeoutMs: options.timeoutMs }),
      errorContext,
      classify: (error) => classify(error, errorContext),
    };
  }

  private async trustedFetch(caFile: string): Promise<TrustedFetch> {
    try {
      return await this.trust.get(caFile);
    } catch (error) {
      if (error instanceof CaFileError) throw new AiError('ca_file', error.message, error.hint);
      throw error;
    }
  }
}
