/**
 * The hook for the desktop shell's consent window (Electron child window). The shell opens
 * the address `ebay.connect.begin` answers (called without `returnTo`) in a child window and
 * passes every navigation and redirect of that window (`will-navigate`, `will-redirect`) to
 * `isConsentReturn`. On the first that answers true it cancels the navigation, closes the
 * window and calls `ebay.connect.complete` with that address; core checks `state` and
 * exchanges the code. Nothing here needs Electron, so it is tested in Node.
 */

/** Whether a navigation is eBay's answer to the consent (code or error, with a state). */
export function isConsentReturn(address: string): boolean {
  if (!URL.canParse(address)) return false;
  const url = new URL(address);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  const q = url.searchParams;
  // eBay's own consent pages carry state too, but never a code or an error with it.
  return q.has('state') && (q.has('code') || q.has('error')) && !/(^|\.)ebay\.com$/.test(url.hostname);
}
