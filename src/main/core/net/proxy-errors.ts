/**
 * What went wrong on the way through a proxy (HTTPS_PROXY), in words the seller can act on.
 * Only the proxy's scheme, host and port are ever named: a username or password in the
 * variable stays out of every message.
 */
import { errorChain } from './error-chain';

/** undici's words when the proxy answers CONNECT with anything but 200. */
const TUNNEL_REFUSED = /Proxy response \((\d{3})\)/;

export interface ProxyFailure {
  message: string;
  hint: string;
  /** True when the proxy is simply not there (yet): waiting and retrying may fix it. */
  retryable: boolean;
}

export function proxyFailure(error: unknown, proxy: string, where: string): ProxyFailure | null {
  const errors = errorChain(error);
  for (const e of errors) {
    const status = TUNNEL_REFUSED.exec(String(e.message ?? ''))?.[1];
    if (status === '407') {
      return {
        message: `The proxy ${proxy} wants a username and password (407 Proxy Authentication Required).`,
        hint: 'Put them in HTTPS_PROXY as http://user:password@host:port and start FlipSync again; FlipSync never shows or logs them.',
        retryable: false,
      };
    }
    if (status) {
      return {
        message: `The proxy ${proxy} would not connect to ${where} (it answered ${status}).`,
        hint: 'Ask whoever runs the proxy to allow this address, or list the host in NO_PROXY if it is on your own network.',
        retryable: false,
      };
    }
  }
  const port = (() => {
    try {
      const u = new URL(proxy);
      return Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
    } catch {
      return null;
    }
  })();
  // A refused connection to the proxy's own port: the proxy is not there.
  const refused = errors.find((e) => e.code === 'ECONNREFUSED' && e.port === port);
  if (refused) {
    return {
      message: `Nothing is accepting connections at the proxy ${proxy} (from HTTPS_PROXY).`,
      hint: 'Check the address in HTTPS_PROXY, or unset it if this network has no proxy, then start FlipSync again.',
      retryable: true,
    };
  }
  return null;
}
