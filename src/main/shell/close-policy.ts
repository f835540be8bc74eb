/**
 * What closing the window means. Pure, so Node tests cover it.
 * - macOS: the standard — the app keeps running (Dock and menu bar); Cmd+Q quits.
 * - Windows and Linux: the `general.closeToTray` setting (on by default) keeps FlipSync in
 *   the tray, but only while a tray icon exists to bring it back.
 */
export type CloseAction = 'hide' | 'close';

export function closeAction(input: {
  platform: NodeJS.Platform;
  closeToTray: boolean;
  trayReady: boolean;
  /** The seller chose Quit (menu, tray, Cmd+Q, OS shutdown). */
  quitting: boolean;
}): CloseAction {
  if (input.quitting) return 'close';
  if (input.platform === 'darwin') return 'hide';
  return input.closeToTray && input.trayReady ? 'hide' : 'close';
}

/** After the last window closed: quit, unless something still keeps FlipSync reachable. */
export function quitWhenAllClosed(platform: NodeJS.Platform, trayReady: boolean, closeToTray: boolean): boolean {
  if (platform === 'darwin') return false;
  return !(trayReady && closeToTray);
}
