/**
 * The one trust path for every connection FlipSync makes (AI, sync, marketplaces), in both
 * shells: an undici fetch whose TLS trusts
 * Node's bundled roots + the operating system's certificate store + the seller's CA file.
 * Certificate verification is never turned off; there is no setting for it.
 *
 * Setting NODE_EXTRA_CA_CERTS at run time does nothing (Node reads it once at start-up),
 * so the certificates are handed to the connection directly.
 *
 * A proxy named by HTTPS_PROXY / HTTP_PROXY (NO_PROXY lists the exceptions) carries the
 * calls: the TLS to the provider runs through its tunnel with the same trusted roots, so an
 * inspecting proxy still needs its certificate in the CA file, and the checks stay on.
 */
import { X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import tls from 'node:tls';
import { systemCertsAsync } from 'system-ca';
import { Agent, EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { CaFileError, TLS_HINT } from './tls-errors';
import { logger } from '../log';

const log = logger('net');

/** Reads the operating system's trusted certificates (PEM). */
export type SystemStore = () => Promise<string[]>;

let systemCache: Promise<string[]> | null = null;

/**
 * Node 22.15+/23.5+ reads the OS store itself (Keychain, Windows store, OpenSSL's
 * SSL_CERT_FILE/SSL_CERT_DIR on Linux); older runtimes use the `system-ca` package.
 * Read once per process: the store is slow to read on Windows and rarely changes.
 */
export const osSystemStore: SystemStore = () => {
  systemCache ??= (async () => {
    const getCa = (tls as { getCACertificates?: (kind: 'system') => string[] }).getCACertificates;
    if (typeof getCa === 'function') {
      try {
        return getCa('system');
      } catch (error) {
        log.warn('the OS certificate store could not be read by Node; trying system-ca', error);
      }
    }
    try {
      return await systemCertsAsync();
    } catch (error) {
      log.warn('the OS certificate store could not be read; trusting bundled roots only', error);
      return [];
    }
  })();
  return systemCache;
};

const PICK_HINT = 'Pick the certificate file (.pem or .crt) in Settings → AI → CA certificate file.';

/** A bundle of every public root CA is about 250 KB. */
const MAX_CA_FILE_BYTES = 1_000_000;

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The seller's CA file as PEM certificates, or an error that says what to fix. */
export async function readCaFile(file: string): Promise<string[]> {
  let text: string;
  try {
    // Checked first: a device or a pipe (/dev/zero, a FIFO) would be read without end.
    const info = await stat(file);
    if (!info.isFile()) {
      throw new CaFileError(`The CA certificate file ${file} is not a file.`, PICK_HINT);
    }
    if (info.size > MAX_CA_FILE_BYTES) {
      throw new CaFileError(
        `The CA certificate file ${file} is ${(info.size / 1e6).toFixed(1)} MB; certificate files are a few kilobytes.`,
        PICK_HINT,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof CaFileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CaFileError(`There is no CA certificate file at ${file}.`, `Check the path. ${PICK_HINT}`);
    }
    throw new CaFileError(
      `The CA certificate file ${file} cannot be read${code ? ` (${code})` : ''}.`,
      'Pick the certificate file again in Settings → AI → CA certificate file, or clear the field.',
    );
  }
  const pems = text.match(PEM) ?? [];
  if (pems.length === 0) {
    throw new CaFileError(
      `The CA certificate file ${file} holds no PEM certificate.`,
      'Export the certificate as PEM / Base-64 (text starting with -----BEGIN CERTIFICATE-----) and pick that file.',
    );
  }
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new CaFileError(`The CA certificate file ${file} holds a certificate that cannot be read.`, TLS_HINT);
    }
  }
  return pems;
}

/**
 * When no certificate in the CA certificate file is self-signed, the file holds only
 * intermediates: TLS still needs the root at the top of the chain, so an unknown-issuer error
 * should say that. Answers the issuer the last certificate names (the missing root), or null.
 */
export function missingRoot(pems: readonly string[]): string | null {
  if (pems.length === 0) return null;
  const certs = pems.map((pem) => new X509Certificate(pem));
  if (certs.some((c) => c.subject === c.issuer && c.checkIssued(c))) return null;
  const issuer = certs.at(-1)!.issuer;
  return /CN=([^\n]+)/.exec(issuer)?.[1] ?? issuer.replace(/\n/g, ', ');
}

/** The proxy variables as the environment spells them (lower case wins, as curl does). */
export interface ProxyEnv {
  httpsProxy?: string;
  httpProxy?: string;
  noProxy?: string;
}

export const proxyFromEnv = (env: NodeJS.ProcessEnv = process.env): ProxyEnv => ({
  httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
  httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
  noProxy: env.no_proxy || env.NO_PROXY || undefined,
});

/** A proxy address as it may be shown: scheme, host and port, never a username or password. */
export function proxyLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the proxy in HTTPS_PROXY';
  }
}

export interface TrustedFetch {
  fetch: typeof fetch;
  /** How many authorities it trusts, by source (shown in diagnostics, and tested). */
  counts: { bundled: number; system: number; caFile: number };
  /** The proxy calls go through (as proxyLabel shows it), or null for direct connections. */
  proxy: string | null;
  /** The root the CA file lacks when it holds only intermediates (see missingRoot), else null. */
  missingRoot: string | null;
  close(): Promise<void>;
}

export async function createTrustedFetch(options: {
  /** PEM certificates from the seller's CA file (see readCaFile). */
  extraCa?: string[];
  systemStore?: SystemStore;
  /** Defaults to the environment's proxy variables. */
  proxy?: ProxyEnv;
}): Promise<TrustedFetch> {
  const system = await (options.systemStore ?? osSystemStore)();
  const extra = options.extraCa ?? [];
  const trust = { ca: [...tls.rootCertificates, ...system, ...extra], rejectUnauthorized: true };
  const proxy = options.proxy ?? proxyFromEnv();
  const via = proxy.httpsProxy || proxy.httpProxy;
  // Empty strings, not undefined: undici would otherwise read the environment again itself.
  const agent: Dispatcher = via
    ? new EnvHttpProxyAgent({
        httpsProxy: proxy.httpsProxy ?? '',
        httpProxy: proxy.httpProxy ?? '',
        noProxy: proxy.noProxy ?? '',
        connect: trust,
        requestTls: trust,
        proxyTls: trust,
      })
    : new Agent({ connect: trust });
  const trusted = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  return {
    fetch: trusted,
    counts: { bundled: tls.rootCertificates.length, system: system.length, caFile: extra.length },
    proxy: via ? proxyLabel(via) : null,
    missingRoot: missingRoot(extra),
    close: () => agent.close(),
  };
}
