import { createCore, type Core } from '../../src/main/core/core';
import { createBrowserPlatform } from '../../src/main/browser/platform';

/** A real core on a real LevelDB data folder, as browser mode starts it. */
export function startCore(dataDir: string): Promise<Core> {
  return createCore(createBrowserPlatform(dataDir, '0.0.0-test'));
}

export const inProcess = { transport: 'in-process' } as const;
