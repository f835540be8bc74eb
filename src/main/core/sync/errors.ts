import { proxyFailure } from '../net/proxy-errors';
import { describeTlsFailure, errorCodes } from '../net/tls-errors';
import { redact, type Credentials } from './remote';

export interface SyncProblem {
  state: 'paused-offline' | 'error';
  reason: string;
  hint?: string;
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Turns what PouchDB or fetch threw into a state and words the seller can act on. Network
 * trouble is "offline" (sync retries by itself); what retrying cannot fix is an error.
 */
export function describeSyncError(
  error: unknown,
  credentials: Credentials | null,
  host = 'the sync server',
  /** The proxy the connection went through (scheme, host and port only), if any. */
  proxy: string | null = null,
): SyncProblem {
  const status = (error as { status?: unknown })?.status;
  const codes = errorCodes(error);
  // The same words as the AI's: one network, one trust, one explanation.
  const viaProxy = proxy ? proxyFailure(error, proxy, host) : null;
  if (viaProxy) {
    return { state: viaProxy.retryable ? 'paused-offline' : 'error', reason: viaProxy.message, hint: viaProxy.hint };
  }
  const tls = describeTlsFailure(error, host, 'the server address');
  if (tls) return { state: 'error', reason: tls.message, hint: tls.hint };
  // Still "offline" (a network that is down fails the same way), but the words point at the
  // address too: a mistyped server otherwise looks like a connection that never comes back.
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return {
      state: 'paused-offline',
      reason: `The name ${host} does not resolve. FlipSync keeps your changes and retries by itself.`,
      hint: 'Check the server address in Settings → Sync, and that you are online.',
    };
  }
  if (codes.includes('ECONNREFUSED')) {
    return {
      state: 'paused-offline',
      reason: `Nothing answers at ${host}: the server is down or restarting, or the port is wrong. FlipSync keeps your changes and retries by itself.`,
      hint: 'If it stays like this, check the address and port in Settings → Sync.',
    };
  }
  if (status === 401) {
    return {
      state: 'error',
      reason: 'The sync server rejected the username or password.',
      hint: 'Check them in Settings → Sync.',
    };
  }
  if (status === 403) {
    return {
      state: 'error',
      reason: 'The sync server refused access to the FlipSync databases.',
      hint: 'Ask the server admin to give this user access to databases named flipsync-*, or to let it create them.',
    };
  }
  if (codes.some((c) => OFFLINE_CODES.has(c)) || (typeof status === 'number' && status >= 500)) {
    return {
      state: 'paused-offline',
      reason: 'The sync server cannot be reached right now; FlipSync keeps your changes and retries by itself.',
    };
  }
  const text = String((error as { message?: unknown })?.message ?? error);
  if (/fetch failed|network|socket|timed? ?out/i.test(text)) {
    return { state: 'paused-offline', reason: 'The sync server cannot be reached right now; retrying.' };
  }
  return {
    state: 'error',
    reason: `Sync failed: ${redact(text, credentials).slice(0, 300)}`,
    hint: 'Check the server address in Settings → Sync.',
  };
}
