import { app, net, safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Notifier, Platform, SecretStore } from '../core/platform/types';

/**
 * Secrets encrypted with the OS keychain (safeStorage) in a file of the data folder.
 * Refuses to store anything when the OS offers no encryption, rather than writing plain text.
 */
class SafeStorageSecrets implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly file: string) {}

  async get(name: string): Promise<string | null> {
    const all = await this.readAll();
    const value = all[name];
    return value ? safeStorage.decryptString(Buffer.from(value, 'base64')) : null;
  }

  set(name: string, value: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) {
      return Promise.reject(new Error('This system offers no keychain to protect secrets with.'));
    }
    return this.update((all) => {
      all[name] = safeStorage.encryptString(value).toString('base64');
    });
  }

  delete(name: string): Promise<void> {
    return this.update((all) => {
      delete all[name];
    });
  }

  private update(change: (all: Record<string, string>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const all = await this.readAll();
      change(all);
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await rename(tmp, this.file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    // A damaged file is an error, never an empty store: the next save would erase every secret.
    try {
      return JSON.parse(text) as Record<string, string>;
    } catch {
      throw new Error(`The secrets file ${this.file} is damaged; move it away and enter the keys again.`);
    }
  }
}

/** The platform pieces the desktop app hands core; notifications come from the shell's notifier. */
export function createElectronPlatform(notifier: Notifier): Platform {
  const dataDir = process.env.FLIPSYNC_DATA_DIR ?? app.getPath('userData');
  return {
    dataDir,
    appVersion: app.getVersion(),
    shell: 'electron',
    secrets: new SafeStorageSecrets(path.join(dataDir, 'secrets', 'keychain.json')),
    // Chromium's network stack: trusts what the operating system trusts.
    fetch: net.fetch as unknown as typeof fetch,
    notifier,
  };
}
