/**
 * Registers `app://flipsync/` (see app-protocol.ts for what it answers). The scheme is
 * standard and secure so the page gets a real origin, fetch, and streamed media; it must be
 * declared before the app is ready.
 */
import { protocol } from 'electron';
import path from 'node:path';
import { APP_SCHEME, appProtocolResponse } from './app-protocol';
import { desktopDataDir } from './platform';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export function registerAppProtocol(): void {
  const options = {
    rendererDir: path.join(import.meta.dirname, '../renderer'),
    photosDir: path.join(desktopDataDir(), 'photos'),
  };
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request, options));
}
