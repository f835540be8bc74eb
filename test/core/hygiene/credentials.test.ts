/**
 * Keys and passwords that a header cannot carry are refused at save, in words that say which
 * character and where, and nothing is stored: before this, such a key saved fine and then
 * broke every AI call with "unknown error, details are in the log".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { badCharacter } from '../../../src/shared/api/credential-text';
import type { Core } from '../../../src/main/core/core';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, callFails } from '../inventory/helpers';

describe('credentials a header can carry', () => {
  let core: Core;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    const dir = await tempDir('flipsync-hygiene-');
    remove = dir.remove;
    core = await startCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    await remove();
  });

  it('refuses an API key with a line break, a control character or a non-ASCII letter, and stores none', async () => {
    for (const [key, said] of [
      ['sk-abcdefgh\nijklmnop', /The API key contains a line break at character 12; paste it again without it\./],
      ['sk-abcdefgh\u0007ijkl', /contains a control character \(U\+0007\) at character 12/],
      ['sk-abcdefgh\u200bijkl', /contains an invisible zero-width space at character 12/],
      ['sk-abcdéfghijkl', /“é” \(U\+00E9\) at character 8, which a key never holds/],
    ] as const) {
      const error = await callFails(core, 'ai.setKey', { key });
      expect(error.message).toMatch(said);
    }
    expect(await core.platform.secrets.get(API_KEY_SECRET)).toBeNull();
    // A key with surrounding whitespace (a pasted line) is trimmed and kept.
    await call(core, 'ai.setKey', { key: '  sk-good-1234567890\n' });
    expect(await core.platform.secrets.get(API_KEY_SECRET)).toBe('sk-good-1234567890');
  });

  it('refuses a sync password with a control character and a user name with a colon; any letter is fine', async () => {
    const url = 'http://127.0.0.1:5984/flipsync';
    expect((await callFails(core, 'sync.configure', { url, password: 'pa\tss', enabled: false })).message).toMatch(
      /The password contains a tab at character 3/,
    );
    expect((await callFails(core, 'sync.configure', { url, username: 'me:you', enabled: false })).message).toMatch(
      /cannot contain “:”/,
    );
    // Basic sign-in sends the password encoded: letters beyond ASCII and spaces are the seller's choice.
    await call(core, 'sync.configure', { url, username: 'zoë', password: 'pässwört mit leer', enabled: false });
  });

  it('refuses an eBay client secret or client id a header cannot carry', async () => {
    expect((await callFails(core, 'ebay.setClientSecret', { secret: 'PRD-abc\r\ndef' })).message).toMatch(
      /The client secret contains a line break at character 8/,
    );
    expect((await callFails(core, 'settings.set', { ebay: { clientId: 'Seller–own-PRD' } })).message).toMatch(
      /The client id contains “–” \(U\+2013\) at character 7/,
    );
  });

  it('names the first bad character in words', () => {
    expect(badCharacter('abc', true)).toBeNull();
    expect(badCharacter('a b', false)).toBeNull();
    expect(badCharacter('a b', true)).toBe('a space at character 2');
    expect(badCharacter('\ufeffkey', true)).toBe('an invisible byte-order mark at character 1');
  });
});
