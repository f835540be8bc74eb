import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fail } from '@shared/api';
import { CALL_CHANNEL, EVENT_CHANNEL } from '@shared/ipc-channels';
import type { Core } from '../core/core';
import { isTrustedSender } from './trust';
import { appUrl } from './window';

/** Carries the contract over IPC: the same router every transport uses. */
export function registerIpc(core: Core, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(CALL_CHANNEL, (event: IpcMainInvokeEvent, route: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { frameUrl: frame?.url, isMainFrame: !!frame && frame === event.sender.mainFrame },
      appUrl(),
    );
    if (!trusted) return fail('FORBIDDEN', 'Calls are accepted only from the FlipSync window.');
    return core.dispatch(String(route), input, { transport: 'ipc' });
  });
  const unsubscribe = core.events.onAny((name, payload) => {
    getWindow()?.webContents.send(EVENT_CHANNEL, { event: name, payload });
  });
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    unsubscribe();
  };
}
