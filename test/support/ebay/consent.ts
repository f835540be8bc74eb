/** The seller's side of eBay's consent, for tests in any runner (no test framework imported here). */

/** Plays the seller's browser: opens the consent page, clicks Agree, follows redirects to where it lands. */
export async function consent(browser: typeof fetch, url: string): Promise<string> {
  const page = await (await browser(url)).text();
  const agree = /id="agree" href="([^"]+)"/.exec(page)?.[1];
  if (!agree) throw new Error(`no Agree link on the consent page: ${page.slice(0, 200)}`);
  let at = new URL(agree.replace(/&amp;/g, '&'), url).toString();
  // Follow the redirects through eBay and the accept page, stopping at the app's loopback address.
  for (let hops = 0; hops < 5; hops++) {
    if (at.startsWith('http://127.0.0.1')) return at;
    const res = await browser(at);
    const next = res.headers.get('location');
    if (!next) return at;
    at = new URL(next, at).toString();
  }
  return at;
}
