import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAction, quitWhenAllClosed } from '../../src/main/shell/close-policy';
import { trayIconFile } from '../../src/main/shell/tray-icons';
import { fitWindow, loadWindowState, saveWindowState, type WindowState } from '../../src/main/shell/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitorRight = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('closing the window', () => {
  it('keeps FlipSync in the tray on Windows and Linux when the setting is on and a tray exists', () => {
    for (const platform of ['win32', 'linux'] as const) {
      expect(closeAction({ platform, closeToTray: true, trayReady: true, quitting: false })).toBe('hide');
      expect(closeAction({ platform, closeToTray: false, trayReady: true, quitting: false })).toBe('close');
      // No tray to bring it back: closing must not make FlipSync unreachable.
      expect(closeAction({ platform, closeToTray: true, trayReady: false, quitting: false })).toBe('close');
      expect(quitWhenAllClosed(platform, true, true)).toBe(false);
      expect(quitWhenAllClosed(platform, false, true)).toBe(true);
    }
  });

  it('follows the macOS standard, and always closes when the seller quits', () => {
    expect(closeAction({ platform: 'darwin', closeToTray: false, trayReady: false, quitting: false })).toBe('hide');
    expect(quitWhenAllClosed('darwin', false, false)).toBe(false);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(closeAction({ platform, closeToTray: true, trayReady: true, quitting: true })).toBe('close');
    }
  });
});

describe('window position', () => {
  const saved: WindowState = { x: 1600, y: 100, width: 1400, height: 900, maximized: false };

  it('reopens where it was when that screen is still there', () => {
    expect(fitWindow(saved, [laptop, monitorRight])).toEqual({
      bounds: { x: 1600, y: 100, width: 1400, height: 900 },
      maximized: false,
    });
  });

  it('comes back onto the primary screen when its monitor is gone, sized to fit', () => {
    const { bounds } = fitWindow(saved, [laptop]);
    expect(bounds).toEqual({ x: 20, y: 0, width: 1400, height: 875 });
  });

  it('opens centred at the default size the first time, never below the minimum', () => {
    expect(fitWindow(null, [laptop]).bounds).toEqual({ x: 80, y: 28, width: 1280, height: 820 });
    expect(fitWindow({ ...saved, width: 300, height: 200 }, [laptop, monitorRight]).bounds).toMatchObject({
      width: 900,
      height: 600,
    });
  });

  it('saves and reads the state, and ignores a damaged file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-window-'));
    try {
      const file = path.join(dir, 'window-state.json');
      expect(await loadWindowState(file)).toBeNull();
      await saveWindowState(file, { ...saved, maximized: true });
      expect(await loadWindowState(file)).toEqual({ ...saved, maximized: true });
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ ...saved, maximized: true });
      await writeFile(file, '{"x": "left"');
      expect(await loadWindowState(file)).toBeNull();
      await expect(saveWindowState(file, { ...saved, width: -5 })).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('tray icon', () => {
  it('uses template images on macOS, .ico on Windows, PNG on Linux, by panel colour and badge', () => {
    expect(trayIconFile('darwin', true, false)).toBe(path.join('tray', 'trayTemplate.png'));
    expect(trayIconFile('darwin', false, true)).toBe(path.join('tray', 'trayBadgeTemplate.png'));
    expect(trayIconFile('win32', true, false)).toBe(path.join('tray', 'tray-dark.ico'));
    expect(trayIconFile('linux', false, true)).toBe(path.join('tray', 'tray-light-badge.png'));
  });
});
