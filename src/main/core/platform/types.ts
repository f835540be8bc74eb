import type { KeychainBackend } from '@shared/api/app';

export type { KeychainBackend };

/**
 * What core needs from the platform, as small interfaces. The Electron shell and browser
 * mode each hand core their own implementations; core never imports `electron`.
 */

/** Secrets (API keys, sync passwords): never in a database, a log or an error message. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export interface Notifier {
  notify(notification: { title: string; body: string; view?: string }): void;
}

export interface Platform {
  /** The folder that holds the databases and photos. */
  dataDir: string;
  appVersion: string;
  shell: 'electron' | 'browser';
  /** What protects `secrets` (reported by app.info so Settings can warn about `basic_text`). */
  keychain?: KeychainBackend;
  secrets: SecretStore;
  /**
   * The shell's own fetch. Core's connections (AI, sync, marketplaces) do not use it: they
   * go through net/trusted-fetches.ts, so all trust the same roots, CA file and proxy.
   */
  fetch: typeof fetch;
  notifier: Notifier;
}
