/** Auto-update with electron-updater, when update-policy.ts says a feed is configured. */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { updateDecision } from './update-policy';
import { logger } from '../core/log';

const log = logger('updates');

export function startUpdates(): void {
  const feedFile = path.join(process.resourcesPath, 'app-update.yml');
  const hasFeedFile = app.isPackaged && existsSync(feedFile);
  const decision = updateDecision({
    isPackaged: app.isPackaged,
    hasFeedFile,
    ...(hasFeedFile ? { feedText: readFileSync(feedFile, 'utf8') } : {}),
  });
  if (!decision.check) {
    log.info(`off: ${decision.reason}`);
    return;
  }
  const { autoUpdater } = electronUpdater;
  // Downloads in the background and installs on the next quit; the OS notification says so.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    // An offline seller is normal: log it, never interrupt them with it.
    log.warn('could not check for updates', error);
  });
}
