/**
 * How FlipSync reaches the server: one remote database per synced local one, named with a
 * prefix, with credentials sent as a header by PouchDB (never in the URL, so they cannot
 * leak through an error message that quotes the address).
 */
import PouchDB from 'pouchdb';
import type { SyncedDatabase } from '@shared/api/sync';

export const REMOTE_PREFIX = 'flipsync-';

export interface Credentials {
  username: string;
  password: string;
}

export const remoteName = (name: SyncedDatabase) => `${REMOTE_PREFIX}${name}`;

export function remoteUrl(base: string, name: SyncedDatabase): string {
  return `${base.replace(/\/+$/, '')}/${remoteName(name)}`;
}

/**
 * PouchDB builds its requests with node-fetch Headers; the trusted fetch (net/trust.ts, the
 * one the AI uses) gets them as a plain object. PouchDB reads an attachment with node-fetch's
 * `buffer()` when the response has one, else as a Blob, which its LevelDB store cannot hash
 * (photos arriving by sync crashed the process): the response gets `buffer()`.
 */
export function adaptFetch(trustedFetch: typeof fetch) {
  return async (url: string, init: RequestInit & { headers?: unknown } = {}) => {
    const source = init.headers as { forEach?: (fn: (v: string, k: string) => void) => void } | undefined;
    const headers: Record<string, string> = {};
    if (source && typeof source.forEach === 'function') source.forEach((v, k) => (headers[k] = v));
    else if (source) Object.assign(headers, source);
    const response = await trustedFetch(url, { ...init, headers });
    return Object.assign(response, { buffer: async () => Buffer.from(await response.arrayBuffer()) });
  };
}

export function openRemote(
  base: string,
  name: SyncedDatabase,
  credentials: Credentials | null,
  trustedFetch: typeof fetch,
): PouchDB.Database {
  const remote = new PouchDB(remoteUrl(base, name), {
    fetch: adaptFetch(trustedFetch),
    ...(credentials ? { auth: credentials } : {}),
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  // PouchDB's replicator calls `info()` on the source after each batch only to update its
  // progress counters, without a catch: a server that dies right then becomes an unhandled
  // rejection. Only the replicator calls `info()` on this handle, and the requests that
  // follow fail (and retry) on their own, so a neutral answer loses nothing.
  const info = remote.info.bind(remote);
  remote.info = (() =>
    info().catch(() => ({ db_name: remoteName(name), doc_count: 0, update_seq: 0 }))) as typeof remote.info;
  return remote;
}

/** Removes any trace of the credentials from text that may reach the seller or a log. */
export function redact(text: string, credentials: Credentials | null): string {
  let out = text.replace(/\/\/[^/@\s]*@/g, '//');
  if (credentials) {
    for (const secret of [credentials.password, credentials.username]) {
      if (secret.length >= 3) out = out.split(secret).join('•••');
    }
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    out = out.split(basic).join('•••');
  }
  return out;
}
