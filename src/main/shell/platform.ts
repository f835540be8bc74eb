import { app, safeStorage } from 'electron';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeychainBackend, SecretStore } from '../core/platform/types';

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

/** Where the desktop app keeps its data (`FLIPSYNC_DATA_DIR` chooses another folder). */
export function desktopDataDir(): string {
  return process.env.FLIPSYNC_DATA_DIR ?? app.getPath('userData');
}

/**
 * The keychain the core process reaches over its port: safeStorage exists only in the
 * main process, and secrets stay on this side of the renderer.
 */
export function createMainSecrets(dataDir: string): SecretStore {
  return new SafeStorageSecrets(path.join(dataDir, 'secrets', 'keychain.json'));
}

/**
 * Which keychain protects the secrets. On Linux without a keyring Chromium falls back to
 * `basic_text`: a fixed key in the app, so the secrets file is only obscured, not protected.
 */
export function keychainBackend(): KeychainBackend {
  return process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
}
