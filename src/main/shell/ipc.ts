import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail } from '@shared/api';
import { CALL_CHANNEL, CORE_STATE_EVENT, EVENT_CHANNEL } from '@shared/ipc-channels';
import type { CoreConnection } from '../host/core-connection';
import { isTrustedSender } from './trust';
import { appUrl } from './window';

/**
 * Carries the contract over IPC to the core process and its events back: main only routes.
 * The core's state (restarting after a crash) reaches the window as one more event.
 */
export function registerIpc(core: CoreConnection, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, route: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { frameUrl: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame },
      appUrl(),
    );
    if (!trusted) return fail('FORBIDDEN', 'Calls are accepted only from the FlipSync window.');
    return core.dispatch(String(route), input);
  });
  const send = (name: string, payload: unknown) =>
    getWindow()?.webContents.send(EVENT_CHANNEL, { event: name, payload });
  const stopEvents = core.onEvent(send);
  const stopState = core.onState((state) => send(CORE_STATE_EVENT, { state }));
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    stopEvents();
    stopState();
  };
}
