import os from 'node:os';
import path from 'node:path';

/**
 * The OS app-data folder for FlipSync: the same folder Electron's `userData` points at,
 * so the desktop app and browser mode see the same data (never both at once: the
 * databases are locked by whichever runs first).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FLIPSYNC_DATA_DIR) return path.resolve(env.FLIPSYNC_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'FlipSync');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'FlipSync');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'FlipSync');
}
