/** The rules behind the first-launch fixes, in Node (the shell only applies them). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, DEV_CSP, withCsp } from '../../src/main/shell/csp';
import { allowPermission, externalLinkAction, isTrustedSender } from '../../src/main/shell/trust';

const APP = 'app://flipsync/index.html';

describe('the app page over app://flipsync/', () => {
  it('trusts only its own scheme and host (Node calls every custom-scheme origin "null")', () => {
    expect(isTrustedSender({ frameUrl: 'app://flipsync/index.html#/chat', isMainFrame: true }, APP)).toBe(true);
    expect(isTrustedSender({ frameUrl: 'app://evil/index.html', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'other://flipsync/index.html', isMainFrame: true }, APP)).toBe(false);
    expect(isTrustedSender({ frameUrl: 'app://flipsync/index.html', isMainFrame: false }, APP)).toBe(false);
  });
});

describe('permissions', () => {
  it('allows clipboard writes from the app page, and nothing else', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://flipsync/index.html', APP)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'app://flipsync', APP)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'https://example.com/', APP)).toBe(false);
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen'])
      expect(allowPermission(p, 'app://flipsync/index.html', APP), p).toBe(false);
  });
});

describe('links that leave the app', () => {
  it('opens allow-listed sites, asks about other web sites, and never opens anything else', () => {
    expect(externalLinkAction('https://www.ebay.com/itm/1')).toBe('open');
    expect(externalLinkAction('https://example.com/article')).toBe('ask');
    expect(externalLinkAction('http://example.com/')).toBe('ask');
    expect(externalLinkAction('https://user:pw@example.com/')).toBe('deny');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-settings:', 'nonsense'])
      expect(externalLinkAction(url), url).toBe('deny');
  });
});

describe('Content-Security-Policy', () => {
  it('keeps the strict policy in the built page and allows inline code only on the dev server', async () => {
    const html = await readFile(path.resolve(import.meta.dirname, '../../src/renderer/index.html'), 'utf8');
    const meta = (page: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page)?.[1] ?? '';
    for (const strict of [meta(html), APP_CSP]) {
      expect(strict).toContain("script-src 'self'");
      expect(strict).not.toContain('unsafe-inline');
    }
    const dev = meta(withCsp(html, DEV_CSP));
    expect(dev).toBe(DEV_CSP);
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("object-src 'none'");
    expect(() => withCsp('<html></html>', DEV_CSP)).toThrow(/no Content-Security-Policy meta tag/);
    const config = await readFile(path.resolve(import.meta.dirname, '../../electron.vite.config.ts'), 'utf8');
    expect(config).toMatch(/apply: 'serve'/);
  });
});
