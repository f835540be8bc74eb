import { describe, expect, it } from 'vitest';
import { makeRelayState, readRelayState } from '../../src/shared/ebay/relay-protocol';
import { startRelayUnderTest } from './harness';

const CODE = 'v^1.1#i^1#I^3#r^1#p^3#f^0#t^Ul41XzA6MkYzQjE5';

const acceptPath = (state: string, code = CODE) =>
  `/accept?state=${encodeURIComponent(state)}&code=${encodeURIComponent(code)}&expires_in=299`;

describe('shared state format', () => {
  it('carries the return address in base64url after the nonce, and refuses anything else', () => {
    const state = makeRelayState('Zm9vYmFy_-1', 'http://127.0.0.1:43121/ebay/callback?x=ä');
    expect(state).toMatch(/^Zm9vYmFy_-1\.[A-Za-z0-9_-]+$/);
    expect(readRelayState(state)).toEqual({
      nonce: 'Zm9vYmFy_-1',
      returnAddress: 'http://127.0.0.1:43121/ebay/callback?x=ä',
    });
    for (const bad of ['', 'nodot', '.abc', 'n.', 'n.a+b', 'n!.abc', 'n./w', 'n.gA'])
      expect(readRelayState(bad)).toBeNull();
    expect(() => makeRelayState('not a nonce', 'http://127.0.0.1:1/')).toThrow();
  });
});

describe('relay: accept page', () => {
  it("redirects to the app's loopback address with code and state", async () => {
    const { call } = await startRelayUnderTest();
    for (const back of ['http://127.0.0.1:43121/ebay/callback?keep=1', 'http://localhost:9/cb']) {
      const state = makeRelayState('n0nce', back);
      const res = await call(acceptPath(state), { install: null });
      expect(res.status).toBe(302);
      const target = new URL(res.headers.get('location')!);
      expect(target.origin + target.pathname).toBe(new URL(back).origin + new URL(back).pathname);
      expect(target.searchParams.get('code')).toBe(CODE);
      expect(target.searchParams.get('state')).toBe(state);
      if (back.includes('keep')) expect(target.searchParams.get('keep')).toBe('1');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('shows the address to paste when the return address is not this computer, or state is unreadable', async () => {
    const { call } = await startRelayUnderTest();
    const states = [
      makeRelayState('n', 'https://evil.example/steal'),
      makeRelayState('n', 'http://127.0.0.1/no-port'),
      makeRelayState('n', 'http://user:pw@127.0.0.1:8080/'),
      makeRelayState('n', 'http://127.0.0.1.evil.example:8080/'),
      makeRelayState('n', 'file:///etc/passwd'),
      'garbage-without-a-dot',
      'n.%%%',
    ];
    for (const state of states) {
      const res = await call(acceptPath(state), { install: null });
      expect(res.status, state).toBe(200);
      expect(res.headers.get('location')).toBeNull();
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.text).toContain('paste it into FlipSync');
      // The code appears escaped: '#' and '^' are harmless, but the page must show it exactly.
      expect(res.text).toContain(CODE);
      const shown = /<textarea[^>]*>([^<]*)<\/textarea>/.exec(res.text)![1]!.replace(/&#38;/g, '&');
      const pasted = new URL(shown);
      expect(pasted.pathname).toBe('/accept');
      expect(pasted.searchParams.get('code')).toBe(CODE);
      expect(pasted.searchParams.get('state')).toBe(state);
    }
  });

  it('escapes what it shows', async () => {
    const { call } = await startRelayUnderTest();
    const res = await call(acceptPath('x', '<script>alert(1)</script>'), { install: null });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&#60;script&#62;');
  });

  it('says so when no code arrived, and the decline page says nothing was shared', async () => {
    const { call } = await startRelayUnderTest();
    const none = await call('/accept?state=abc', { install: null });
    expect(none.status).toBe(400);
    expect(none.text).toContain('did not receive a sign-in code');
    const declined = await call('/decline', { install: null });
    expect(declined.status).toBe(200);
    expect(declined.text).toContain('You declined; nothing was shared');
  });
});
