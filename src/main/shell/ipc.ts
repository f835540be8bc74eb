import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail } from '@shared/api';
import { CALL_CHANNEL, CONSENT_CHANNEL, CORE_STATE_EVENT, EVENT_CHANNEL } from '@shared/ipc-channels';
import { openConsentWindow } from './consent-window';
import type { CoreConnection } from '../host/core-connection';
import { isTrustedSender } from './trust';
import { appUrl } from './window';

/**
 * Carries the contract over IPC to the core process and its events back: main only routes.
 * The core's state (restarting after a crash) reaches the window as one more event.
 */
export function registerIpc(core: CoreConnection, getWindow: () => BrowserWindow | null): () => void {
  const trusted = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    return isTrustedSender(
      { frameUrl: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame },
      appUrl(),
    );
  };
  /** The consent address core issued last: the only one the consent window will open. */
  let issued: string | null = null;
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, route: unknown, input: unknown) => {
    if (!trusted(event)) return fail('FORBIDDEN', 'Calls are accepted only from the FlipSync window.');
    const result = await core.dispatch(String(route), input);
    if (route === 'ebay.connect.begin') issued = consentUrlOf(result);
    return result;
  });
  ipcMain.handle(CONSENT_CHANNEL, (event: IpcMainInvokeEvent, url: unknown) => {
    if (!trusted(event) || typeof url !== 'string' || url !== issued) return null;
    issued = null;
    return openConsentWindow(getWindow(), url);
  });
  const send = (name: string, payload: unknown) =>
    getWindow()?.webContents.send(EVENT_CHANNEL, { event: name, payload });
  const stopEvents = core.onEvent(send);
  const stopState = core.onState((state) => send(CORE_STATE_EVENT, { state }));
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(CONSENT_CHANNEL);
    stopEvents();
    stopState();
  };
}

function consentUrlOf(result: unknown): string | null {
  const r = result as { ok?: boolean; data?: { url?: unknown } };
  return r.ok === true && typeof r.data?.url === 'string' && r.data.url.startsWith('https://') ? r.data.url : null;
}
