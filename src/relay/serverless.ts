/**
 * The relay for serverless platforms whose handler is `fetch(request, env)` (Cloudflare
 * Workers with nodejs_compat, Deno Deploy, Vercel and Netlify edge or Node functions through
 * their Hono adapters). The configuration comes from the platform's bindings when it passes
 * them, else from process.env; it is read on the first request and kept for the instance.
 */
import type { Hono } from 'hono';
import { createRelayApp } from './app';
import { loadRelayConfig, RelayConfigError } from './config';

type Bindings = Record<string, string | undefined>;

let app: Hono | null = null;

export function relayFetch(request: Request, env?: Bindings, ctx?: unknown): Response | Promise<Response> {
  if (!app) {
    try {
      app = createRelayApp(loadRelayConfig(env && Object.keys(env).length > 0 ? env : process.env));
    } catch (err) {
      // The problems name variables, never their values; the operator reads them in the platform's log.
      console.error(err instanceof Error ? err.message : String(err));
      const message = err instanceof RelayConfigError ? 'The relay is not configured.' : 'The relay failed to start.';
      return Response.json({ error: { code: 'relay_misconfigured', message } }, { status: 503 });
    }
  }
  return app.fetch(request, env, ctx as never);
}

export default { fetch: relayFetch };
