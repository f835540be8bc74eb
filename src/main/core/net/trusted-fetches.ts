/**
 * One trusted fetch per process, shared by every connection (AI, sync, marketplaces), so
 * they all trust the same authorities and go through the same proxy. It is rebuilt when
 * the CA file (or what it holds) changes; in-flight requests on the old one finish first.
 */
import { stat } from 'node:fs/promises';
import { createTrustedFetch, readCaFile, type ProxyEnv, type SystemStore, type TrustedFetch } from './trust';

export interface TrustOptions {
  systemStore?: SystemStore;
  /** Defaults to the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: ProxyEnv;
}

/** The file's modification time and size, or null when it cannot be looked at. */
const fileStamp = (file: string) =>
  stat(file).then(
    (s) => `${s.mtimeMs}:${s.size}`,
    () => null,
  );

export class TrustedFetches {
  private current: { key: string; caFile: string; stamp: string | null; fetch: TrustedFetch } | null = null;
  private building: { key: string; promise: Promise<TrustedFetch> } | null = null;
  private closed = false;

  constructor(private readonly options: TrustOptions = {}) {}

  /** The trusted fetch for this CA file ('' for none); throws CaFileError when it cannot be used. */
  async get(caFile: string): Promise<TrustedFetch> {
    // Parsing the CA file on each of an eBay import's thousands of calls was a third of its
    // time: it is parsed again only when the file changed (or is gone: then it says why).
    const seen = caFile ? await fileStamp(caFile) : '';
    if (this.current?.caFile === caFile && seen !== null && this.current.stamp === seen && !this.closed)
      return this.current.fetch;
    const extraCa = caFile ? await readCaFile(caFile) : [];
    const key = `${caFile}\n${extraCa.join('\n')}`;
    if (this.current?.key === key) {
      this.current.stamp = seen;
      return this.current.fetch;
    }
    // Concurrent first calls share one build instead of racing to create agents.
    if (this.building?.key !== key) {
      this.building = { key, promise: createTrustedFetch({ extraCa, ...this.options }) };
    }
    const build = this.building;
    const fetch = await build.promise.finally(() => {
      if (this.building === build) this.building = null;
    });
    if (this.closed) {
      void fetch.close().catch(() => undefined);
      return fetch;
    }
    if (this.current?.key !== key) {
      const old = this.current;
      this.current = { key, caFile, stamp: seen, fetch };
      void old?.fetch.close().catch(() => undefined);
    } else if (this.current.fetch !== fetch) {
      void fetch.close().catch(() => undefined);
    }
    return this.current.fetch;
  }

  /**
   * A fetch for long-lived users (sync's replications): each request goes through the
   * current trusted fetch, so a rebuilt one (new CA file contents) takes over without a
   * restart and a closed one is never used. The file is read only when there is none yet.
   */
  fetchFor(caFile: string): typeof fetch {
    return (async (input: string | URL, init?: RequestInit) => {
      const current = this.current?.caFile === caFile ? this.current.fetch : await this.get(caFile);
      return current.fetch(input, init);
    }) as typeof fetch;
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    await current?.fetch.close();
  }
}
