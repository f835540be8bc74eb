import OpenAI from 'openai';
import type { Endpoint } from './presets';

/** Local servers ignore the key, but the SDK insists on one. */
const NO_KEY = 'no-key-needed';

/**
 * The one place an OpenAI client is made. Chat and agents never build their own: they go
 * through AiService, which hands this the trusted fetch, the key and the endpoint.
 */
export function createOpenAiClient(options: {
  endpoint: Endpoint;
  apiKey: string | null;
  fetch: typeof fetch;
  timeoutMs: number;
}): OpenAI {
  const { endpoint, apiKey } = options;
  const headers: Record<string, string> = {};
  // Azure accepts its own header; the v1 API also takes the bearer token the SDK sends.
  if (endpoint.preset === 'azure' && apiKey) headers['api-key'] = apiKey;
  if (endpoint.preset === 'openrouter') headers['X-Title'] = 'FlipSync';
  return new OpenAI({
    apiKey: apiKey ?? NO_KEY,
    baseURL: endpoint.baseUrl,
    // Explicit, so OPENAI_* environment variables never change where calls go.
    organization: null,
    project: null,
    fetch: options.fetch,
    // AiService retries itself: it must tell a rate limit from an exhausted quota.
    maxRetries: 0,
    timeout: options.timeoutMs,
    defaultHeaders: headers,
    // The SDK refuses to start where `window` exists, to keep keys out of web pages. This
    // client only runs in core (the main process); the check misfires only when component
    // tests run the real core beside jsdom. The renderer never gets the SDK or the key.
    dangerouslyAllowBrowser: true,
  });
}
