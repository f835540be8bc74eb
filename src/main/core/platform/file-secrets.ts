import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretStore } from './types';

/**
 * Browser mode's secret store: a JSON file only the user can read (0600 in a 0700 folder).
 * The Electron shell uses the OS keychain through safeStorage instead. Values never leave
 * this object except to the caller that asked for them.
 */
export class FileSecretStore implements SecretStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets', 'secrets.json');
  }

  async get(name: string): Promise<string | null> {
    const all = await this.readAll();
    return Object.hasOwn(all, name) ? (all[name] ?? null) : null;
  }

  set(name: string, value: string): Promise<void> {
    return this.update((all) => {
      all[name] = value;
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
      const dir = path.dirname(this.file);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await chmod(dir, 0o700);
      // Write then rename, so a crash never leaves a half-written file of secrets.
      const tmp = `${this.file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(all), { mode: 0o600 });
      await rename(tmp, this.file);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readAll(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`The secrets file ${this.file} cannot be read; fix or delete it.`, { cause: error });
    }
  }
}
