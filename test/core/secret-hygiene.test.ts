/** Secrets a header cannot carry are refused when saved, in words, and nothing is stored. */
import { describe, expect, it } from 'vitest';
import { coreForEachTest } from '../support/core';
import { call, callFails } from './inventory-io/helpers';

describe('secrets at save', () => {
  const h = coreForEachTest();

  it('refuses an API key with a control character or a character beyond Latin-1, saying which', async () => {
    const control = await callFails(h.core, 'ai.setKey', { key: 'sk-abcdef\u0007123456' });
    expect(control.message).toMatch(/invisible control character/);
    const curly = await callFails(h.core, 'ai.setKey', { key: 'sk-abcdef\u201c123456' });
    expect(curly.message).toContain('"\u201c", which cannot be sent to the server');
    expect((await call(h.core, 'ai.keyStatus', {})).stored).toBe(false);
    // An ordinary key still saves.
    expect((await call(h.core, 'ai.setKey', { key: 'sk-abcdef123456' })).stored).toBe(true);
  });

  it('refuses sync credentials with control characters, and a username with ":"', async () => {
    const base = { url: 'http://127.0.0.1:5984/flipsync', enabled: false };
    const password = await callFails(h.core, 'sync.configure', { ...base, username: 'me', password: 'pa\u0000ss' });
    expect(password.message).toMatch(/invisible control character/);
    const username = await callFails(h.core, 'sync.configure', { ...base, username: 'me:you', password: 'secret' });
    expect(username.message).toMatch(/username cannot contain ":"/);
  });
});
