/**
 * The installers cannot be built here (packaging downloads the Electron binary), so the
 * electron-builder configuration is checked the way electron-builder itself loads and
 * validates it, and every file it names must exist.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrayIconFiles } from '../../src/main/shell/tray-icons';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  extraResources?: { from: string; to: string }[];
  linux?: { target: string[]; icon: string };
  win?: { target: string[]; icon: string };
  mac?: { target: string[]; icon: string };
  icon?: string;
  files?: string[];
};
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null): Promise<Config>;
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => undefined };
const load = () => getConfig(root, path.join(root, 'electron-builder.yml'));

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(await load(), quietLogger)).resolves.toBeUndefined();
    // Compiling electron-builder's large schema takes a few seconds on a busy machine.
  }, 30_000);

  it('would reject a broken configuration (so the check above can fail)', async () => {
    const config = await load();
    await expect(validateConfiguration({ ...config, nsis: { oneClik: false } }, quietLogger)).rejects.toThrow(
      /configuration\.nsis/,
    );
    await expect(validateConfiguration({ ...config, asar: 'yes please' }, quietLogger)).rejects.toThrow(
      /configuration\.asar/,
    );
  });

  it('builds AppImage and deb, NSIS, and dmg with the app id, name, asar and no native rebuild', async () => {
    const config = await load();
    expect(config).toMatchObject({
      appId: 'com.flipsync.desktop',
      productName: 'FlipSync',
      asar: true,
      npmRebuild: false,
    });
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('names only files that exist, and packages what the app loads at run time', async () => {
    const config = await load();
    for (const icon of [config.icon, config.mac?.icon, config.win?.icon]) {
      expect(icon && statSync(path.join(root, icon)).isFile(), `${icon} should be a file`).toBe(true);
    }
    const linuxIcons = path.join(root, config.linux?.icon ?? 'missing');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(existsSync(path.join(linuxIcons, `${size}x${size}.png`)), `${size}x${size}.png`).toBe(true);
    }
    const extra = config.extraResources ?? [];
    for (const { from } of extra) expect(statSync(path.join(root, from)).isDirectory(), from).toBe(true);
    // Every tray image the shell may ask for is in a folder that ships with the app.
    expect(extra.map((e) => e.to)).toContain('resources/tray');
    for (const file of allTrayIconFiles()) expect(existsSync(path.join(root, 'resources', file)), file).toBe(true);
    // The window icon (resources/icons/256x256.png) ships too.
    expect(extra.map((e) => e.to)).toContain('resources/icons');
  });

  it('packages the built app that package.json starts, and `npm run dist` builds it first', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(pkg.scripts.dist).toBe('electron-vite build && electron-builder');
  });
});
