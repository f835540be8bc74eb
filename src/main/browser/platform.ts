import type { Platform } from '../core/platform/types';
import { FileSecretStore } from '../core/platform/file-secrets';

/** The platform pieces browser mode hands core: plain Node, no Electron. */
export function createBrowserPlatform(dataDir: string, appVersion: string): Platform {
  return {
    dataDir,
    appVersion,
    shell: 'browser',
    keychain: 'file',
    secrets: new FileSecretStore(dataDir),
    fetch: globalThis.fetch,
    // Browser mode has no tray; notifications go to the terminal that started it.
    notifier: { notify: ({ title, body }) => console.log(`[notification] ${title}: ${body}`) },
  };
}
