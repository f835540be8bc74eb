import { Menu, Tray, app, nativeImage, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import type { TrayCommand, TrayModel } from '../core/tray/model';
import type { TrayOutcome } from '../core/tray/service';
import { trayIconFile } from './tray-icons';

/** Core's tray model and commands, across the process boundary (CoreConnection). */
export interface TraySource {
  trayModel(): TrayModel | null;
  onTray(listener: (model: TrayModel) => void): () => void;
  performTray(command: TrayCommand): Promise<TrayOutcome>;
}

/** Shown until the core process has sent its first model. */
const STARTING: TrayModel = {
  tooltip: 'FlipSync',
  badge: { count: 0, text: '' },
  entries: [
    { type: 'item', id: 'open', label: 'Open FlipSync', enabled: true },
    { type: 'separator' },
    { type: 'item', id: 'quit', label: 'Quit FlipSync', enabled: true },
  ],
};

export interface ShellTrayOptions {
  core: TraySource;
  resources: string;
  open: (view?: string) => void;
  quit: () => void;
  /** A tray command core could not run, in words for the seller. */
  failed: (message: string) => void;
}

/** Displays core's tray model: icon, tooltip, badge and menu. Decides nothing itself. */
export function createShellTray(options: ShellTrayOptions): { destroy(): void } {
  const { core } = options;
  const image = (model: TrayModel) => {
    const file = trayIconFile(process.platform, nativeTheme.shouldUseDarkColors, model.badge.count > 0);
    const img = nativeImage.createFromPath(path.join(options.resources, file));
    if (process.platform === 'darwin') img.setTemplateImage(true);
    return img;
  };

  const model = core.trayModel() ?? STARTING;
  const tray = new Tray(image(model));

  const run = async (command: TrayCommand) => {
    // Quit and Open work even while the core process restarts.
    if (command === 'quit') return options.quit();
    const outcome: TrayOutcome = command === 'open' ? { ok: true } : await core.performTray(command);
    if (!outcome.ok) return options.failed(outcome.message);
    if (outcome.quit) return options.quit();
    if (command === 'open' || outcome.view) options.open(outcome.view);
  };

  const render = (m: TrayModel) => {
    tray.setImage(image(m));
    tray.setToolTip(m.tooltip);
    if (process.platform === 'darwin') tray.setTitle(m.badge.text);
    // The Dock badge on macOS, the launcher count on Unity-style Linux desktops.
    app.setBadgeCount(m.badge.count);
    const template: MenuItemConstructorOptions[] = m.entries.map((entry) =>
      entry.type === 'separator'
        ? { type: 'separator' }
        : {
            label: entry.label,
            enabled: entry.enabled,
            ...(entry.reason ? { toolTip: entry.reason } : {}),
            click: () => void run(entry.id),
          },
    );
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  render(model);
  const unsubscribe = core.onTray(render);
  const onTheme = () => render(core.trayModel() ?? STARTING);
  nativeTheme.on('updated', onTheme);
  // Windows and Linux: a left click opens the window (macOS shows the menu by itself).
  tray.on('click', () => {
    if (process.platform !== 'darwin') options.open();
  });

  return {
    destroy() {
      unsubscribe();
      nativeTheme.off('updated', onTheme);
      tray.destroy();
    },
  };
}
