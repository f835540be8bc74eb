/**
 * Which tray image fits the platform and the panel's colour. Pure, so Node tests can check
 * that every file it names exists in resources/.
 */
import path from 'node:path';

export function trayIconFile(platform: NodeJS.Platform, darkPanel: boolean, badge: boolean): string {
  // macOS recolours "Template" images itself for light and dark menu bars.
  if (platform === 'darwin') return path.join('tray', badge ? 'trayBadgeTemplate.png' : 'trayTemplate.png');
  const base = `tray-${darkPanel ? 'dark' : 'light'}${badge ? '-badge' : ''}`;
  // Windows picks the size it needs from an .ico; Linux panels take a PNG (with @2x beside it).
  return path.join('tray', `${base}${platform === 'win32' ? '.ico' : '.png'}`);
}

/** Every tray file any platform may ask for (the builder test checks they are packaged). */
export function allTrayIconFiles(): string[] {
  const files = new Set<string>();
  for (const platform of ['darwin', 'win32', 'linux'] as const)
    for (const dark of [false, true]) for (const badge of [false, true]) files.add(trayIconFile(platform, dark, badge));
  return [...files];
}

/** resources/ in a packaged app (extraResources) or in the source tree during development. */
export function resourcesDir(isPackaged: boolean, resourcesPath: string, appPath: string): string {
  return isPackaged ? path.join(resourcesPath, 'resources') : path.join(appPath, 'resources');
}
