/**
 * The one trust path for AI calls, in both shells: an undici fetch whose TLS trusts
 * Node's bundled roots + the operating system's certificate store + the seller's CA file.
 * Certificate verification is never turned off; there is no setting for it.
 *
 * Setting NODE_EXTRA_CA_CERTS at run time does nothing (Node reads it once at start-up),
 * so the certificates are handed to the connection directly.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import tls from 'node:tls';
import { systemCertsAsync } from 'system-ca';
import { Agent, fetch as undiciFetch } from 'undici';
import { AiError, TLS_HINT } from './errors';

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
        console.warn('[ai] the OS certificate store could not be read by Node; trying system-ca:', error);
      }
    }
    try {
      return await systemCertsAsync();
    } catch (error) {
      console.warn('[ai] the OS certificate store could not be read; trusting bundled roots only:', error);
      return [];
    }
  })();
  return systemCache;
};

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The seller's CA file as PEM certificates, or an error that says what to fix. */
export async function readCaFile(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AiError(
      'ca_file',
      `The CA file ${file} cannot be read${code ? ` (${code})` : ''}.`,
      'Pick the certificate file again in Settings → AI → CA file, or clear the field.',
    );
  }
  const pems = text.match(PEM) ?? [];
  if (pems.length === 0) {
    throw new AiError(
      'ca_file',
      `The CA file ${file} holds no PEM certificate.`,
      'Export the certificate as PEM / Base-64 (text starting with -----BEGIN CERTIFICATE-----) and pick that file.',
    );
  }
  for (const pem of pems) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new AiError('ca_file', `The CA file ${file} holds a certificate that cannot be read.`, TLS_HINT);
    }
  }
  return pems;
}

export interface TrustedFetch {
  fetch: typeof fetch;
  /** How many authorities it trusts, by source (shown in diagnostics, and tested). */
  counts: { bundled: number; system: number; caFile: number };
  close(): Promise<void>;
}

export async function createTrustedFetch(options: {
  /** PEM certificates from the seller's CA file (see readCaFile). */
  extraCa?: string[];
  systemStore?: SystemStore;
}): Promise<TrustedFetch> {
  const system = await (options.systemStore ?? osSystemStore)();
  const extra = options.extraCa ?? [];
  const agent = new Agent({
    connect: { ca: [...tls.rootCertificates, ...system, ...extra], rejectUnauthorized: true },
  });
  const trusted = ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
  return {
    fetch: trusted,
    counts: { bundled: tls.rootCertificates.length, system: system.length, caFile: extra.length },
    close: () => agent.close(),
  };
}
