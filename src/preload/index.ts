/**
 * The renderer's only door to the main process: `window.flipsync.call` and `.on`.
 * A generic forwarder; the main process parses and checks everything it receives.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_CHANNEL, CONSENT_CHANNEL, EVENT_CHANNEL } from '@shared/ipc-channels';

contextBridge.exposeInMainWorld('flipsync', {
  call: (route: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, route, input),
  on: (event: string, listener: (payload: unknown) => void): (() => void) => {
    const handler = (_e: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  consent: (url: string): Promise<string | null> => ipcRenderer.invoke(CONSENT_CHANNEL, url),
});
