/**
 * The app page's Content-Security-Policy. The built app gets the strict one as a response
 * header of the app protocol (and as a meta tag in index.html). `npm run dev` serves the page
 * from Vite, whose React refresh preamble is an inline script and whose styles are injected
 * <style> tags, so the dev server alone swaps in DEV_CSP (electron.vite.config.ts).
 */
export { APP_CSP } from '../page/headers';

export const DEV_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: app:",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** index.html with its CSP meta tag's content replaced (the dev server's HTML hook). */
export function withCsp(html: string, csp: string): string {
  const meta = /(http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;
  if (!meta.test(html)) throw new Error('index.html has no Content-Security-Policy meta tag to replace.');
  return html.replace(meta, `$1${csp}$2`);
}
