import { afterEach, beforeEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/core/core';
import { createBrowserPlatform } from '../../src/main/browser/platform';
import { tempDir } from './temp-dir';

/** A real core on a real LevelDB data folder, as browser mode starts it. */
export function startCore(dataDir: string, options: CoreOptions = {}): Promise<Core> {
  return createCore(createBrowserPlatform(dataDir, '0.0.0-test'), options);
}

export const inProcess = { transport: 'in-process' } as const;

/**
 * A fresh core in a fresh data folder for each test of the enclosing `describe`, closed and
 * removed after it. Read `core` and `dir` inside the tests (they change per test).
 */
export function coreForEachTest(): { core: Core; readonly dir: string } {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });
  return {
    get core() {
      return core;
    },
    /** A test that restarts the core hands the new one back here, to be closed after it. */
    set core(next: Core) {
      core = next;
    },
    get dir() {
      return dir.path;
    },
  };
}
