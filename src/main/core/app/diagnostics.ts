/**
 * "Copy diagnostics": what support needs to understand a problem, as text the seller can read
 * before sending it. Settings hold no secrets by design, and the whole text still passes the
 * log's redaction rule, so a secret that reached a field by mistake stays out.
 */
import os from 'node:os';
import type { CoreLog } from '../log';
import { logDirOf } from '../log/files';
import { scrub } from '../log/scrub';
import type { Platform } from '../platform/types';
import type { SettingsStore } from '../settings/store';

export const DIAGNOSTIC_LOG_LINES = 200;

export interface DiagnosticsDeps {
  log: Pick<CoreLog, 'tail'>;
  settings: Pick<SettingsStore, 'get'>;
}

export async function diagnostics(platform: Platform, deps: DiagnosticsDeps, now = new Date()): Promise<string> {
  const browser = platform.shell === 'browser';
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  const lines = await deps.log.tail(DIAGNOSTIC_LOG_LINES);
  const text = [
    `FlipSync diagnostics, ${now.toISOString()}`,
    `FlipSync: ${platform.appVersion} (${browser ? 'browser mode' : 'desktop app'})`,
    `Node: ${v.node}`,
    `Electron: ${v.electron ?? (browser ? 'not used (browser mode)' : 'unknown')}`,
    `Chromium: ${v.chrome ?? (browser ? 'the browser you opened FlipSync in' : 'unknown')}`,
    `System: ${process.platform} ${process.arch} ${os.release()}`,
    `Data folder: ${platform.dataDir}`,
    `Log folder: ${logDirOf(platform.dataDir)}`,
    '',
    'Settings (the AI key and sync passwords are never part of them):',
    JSON.stringify(await deps.settings.get(), null, 2),
    '',
    `Last ${lines.length} log lines:`,
    ...lines,
    '',
  ].join('\n');
  return scrub(text);
}
