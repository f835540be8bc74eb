import { describe, expect, it } from 'vitest';
import { isConsentReturn } from '../../../src/main/core/marketplace/ebay/consent-capture';

describe('the consent window hook', () => {
  it('catches the accept page’s address with code and state, or a decline, and nothing else', () => {
    expect(isConsentReturn('https://relay.flipsync.app/accept?code=v%5E1.1&state=abc.eA&expires_in=299')).toBe(true);
    expect(isConsentReturn('https://relay.flipsync.app/accept?error=access_denied&state=abc.eA')).toBe(true);
    expect(isConsentReturn('https://auth.ebay.com/oauth2/authorize?client_id=x&state=abc.eA&response_type=code')).toBe(
      false,
    );
    expect(isConsentReturn('https://signin.ebay.com/ws/eBayISAPI.dll?code=1&state=2')).toBe(false);
    expect(isConsentReturn('https://relay.flipsync.app/accept?code=abc')).toBe(false);
    expect(isConsentReturn('javascript:alert(1)?code=1&state=2')).toBe(false);
    expect(isConsentReturn('not a url')).toBe(false);
  });
});
