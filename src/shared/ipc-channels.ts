/** The two IPC channels between preload and the Electron shell. */
export const CALL_CHANNEL = 'flipsync:call';
export const EVENT_CHANNEL = 'flipsync:event';
/** The desktop app's eBay consent window: opens the address core issued, answers where it landed. */
export const CONSENT_CHANNEL = 'flipsync:ebay-consent';
/** Sent on EVENT_CHANNEL by the shell itself: the core process is ready, restarting or failed. */
export const CORE_STATE_EVENT = 'shell.core';
