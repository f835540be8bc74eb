/** The two IPC channels between preload and the Electron shell. */
export const CALL_CHANNEL = 'flipsync:call';
export const EVENT_CHANNEL = 'flipsync:event';
