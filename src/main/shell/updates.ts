/** Auto-update with electron-updater, when update-policy.ts says a feed is configured. */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { updateDecision } from './update-policy';

export function startUpdates(): void {
  const feedFile = path.join(process.resourcesPath, 'app-update.yml');
  const hasFeedFile = app.isPackaged && existsSync(feedFile);
  const decision = updateDecision({
    isPackaged: app.isPackaged,
    hasFeedFile,
    ...(hasFeedFile ? { feedText: readFileSync(feedFile, 'utf8') } : {}),
  });
  if (!decision.check) {
    console.log(`[updates] off: ${decision.reason}`);
    return;
  }
  const { autoUpdater } = electronUpdater;
  // Downloads in the background and installs on the next quit; the OS notification says so.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    // An offline seller is normal: log it, never interrupt them with it.
    console.error('[updates] could not check for updates:', error instanceof Error ? error.message : error);
  });
}
