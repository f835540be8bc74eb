/**
 * The installers cannot be built here (packaging downloads the Electron binary), so the
 * electron-builder configuration is checked the way electron-builder itself loads and
 * validates it, and every file it names must exist.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allTrayIconFiles } from '../../src/main/shell/tray-icons';
import { updateDecision } from '../../src/main/shell/update-policy';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  extraResources?: { from: string; to: string }[];
  linux?: { target: string[]; icon: string };
  win?: { target: string[]; icon: string };
  mac?: { target: string[]; icon: string };
  icon?: string;
  files?: string[];
  asarUnpack?: string[];
  electronFuses?: Record<string, boolean>;
  publish?: unknown;
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

  it('flips the Electron fuses that close code-injection doors', async () => {
    const config = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // A misspelt fuse would be silently ignored by a looser check; the schema refuses it.
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, quietLogger)).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('unpacks every native binary the app loads (sharp, libvips, LevelDB) out of the asar', async () => {
    const config = await load();
    const patterns = (config.asarUnpack ?? []).map(
      (p) => new RegExp(`^${p.replace(/\*\*\/\*$/, '').replace(/\//g, '\\/')}`),
    );
    const natives: string[] = [];
    for (const pkg of ['sharp', '@img', 'leveldown']) {
      const dir = path.join(root, 'node_modules', pkg);
      if (!existsSync(dir)) continue;
      for (const f of await readdir(dir, { recursive: true })) if (f.endsWith('.node')) natives.push(`${pkg}/${f}`);
    }
    expect(natives.length).toBeGreaterThan(0);
    for (const file of natives)
      expect(
        patterns.some((p) => p.test(`node_modules/${file}`)),
        file,
      ).toBe(true);
    const deps = Object.keys(
      (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> })
        .dependencies,
    );
    expect(deps).toEqual(expect.arrayContaining(['sharp', 'pouchdb', 'electron-updater']));
  });

  it('keeps auto-update off until a feed is configured, and never takes one over plain http', async () => {
    const config = await load();
    expect(config.publish ?? null).toBeNull();
    expect(updateDecision({ isPackaged: true, hasFeedFile: false })).toMatchObject({ check: false });
    expect(updateDecision({ isPackaged: false, hasFeedFile: true })).toMatchObject({ check: false });
    expect(
      updateDecision({ isPackaged: true, hasFeedFile: true, feedText: 'provider: generic\nurl: http://x.test/\n' }),
    ).toMatchObject({ check: false, reason: expect.stringMatching(/not https/) });
    expect(
      updateDecision({ isPackaged: true, hasFeedFile: true, feedText: 'provider: generic\nurl: https://x.test/\n' }),
    ).toEqual({ check: true });
  });

  it('keeps signing secrets out of the configuration (they come from the environment)', () => {
    const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(certificatePassword|cscKeyPassword|password|appleIdPassword)\s*:/m);
    for (const name of ['CSC_LINK', 'CSC_KEY_PASSWORD', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'])
      expect(text, name).toContain(name);
  });

  it('packages the core process entry the shell starts with utilityProcess.fork', async () => {
    const vite = readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    expect(vite).toMatch(/core: resolve\(import\.meta\.dirname, 'src\/main\/host\/electron-entry\.ts'\)/);
    const shell = readFileSync(path.join(root, 'src/main/shell/core-process.ts'), 'utf8');
    expect(shell).toMatch(/path\.join\(import\.meta\.dirname, 'core\.js'\)/);
  });
});
