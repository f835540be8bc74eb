import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ebayListingUrl } from '../../src/shared/api';
import { isAllowedExternalUrl, isTrustedSender, secureWebPreferences } from '../../src/main/shell/trust';

const APP = 'file:///opt/FlipSync/resources/app.asar/out/renderer/index.html';

describe('Electron shell rules', () => {
  it('accepts calls only from the app page in the top frame', () => {
    expect(isTrustedSender({ frameUrl: `${APP}#/settings`, isMainFrame: true }, APP)).toBe(true);
    expect(isTrustedSender({ frameUrl: APP, isMainFrame: false }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'https://evil.example/', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: undefined, isMainFrame: true }, APP)).toBe(false);
    const dev = 'http://localhost:5173';
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/#/chat', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false);
  });

  it('opens only allow-listed https links outside the app', () => {
    expect(isAllowedExternalUrl('https://www.ebay.com/itm/123')).toBe(true);
    expect(isAllowedExternalUrl('http://www.ebay.com/itm/123')).toBe(false);
    expect(isAllowedExternalUrl('https://www.ebay.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });

  it('opens the eBay listings the Inventory links to, in either eBay environment', () => {
    expect(isAllowedExternalUrl(ebayListingUrl('production', '110000000001'))).toBe(true);
    expect(isAllowedExternalUrl(ebayListingUrl('sandbox', '110000000001'))).toBe(true);
    // An item number is text from an import: it stays in the path, never changes the host.
    expect(new URL(ebayListingUrl('production', '1/../@evil.example')).host).toBe('www.ebay.com');
  });

  it('creates windows with the secure webPreferences', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('gives every BrowserWindow in the shell the secure webPreferences', async () => {
    const root = path.resolve(import.meta.dirname, '../../src/main');
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts'));
    let windows = 0;
    for (const file of files) {
      const source = await readFile(path.join(root, file), 'utf8');
      for (const match of source.matchAll(/new BrowserWindow\(\{[\s\S]*?\n {2}\}\);/g)) {
        windows++;
        expect(match[0], file).toMatch(/webPreferences: secureWebPreferences\(/);
      }
    }
    expect(windows).toBeGreaterThan(0);
  });

  it('serves the app page with a strict Content-Security-Policy', async () => {
    const html = await readFile(path.resolve(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});
