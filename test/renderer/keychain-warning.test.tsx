import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { pageForEachTest } from './support/page';

describe('Settings: keychain warning', () => {
  const h = pageForEachTest({ hash: '#/settings' });

  it('warns, in plain words, when secrets are only obscured (Linux without a keyring)', async () => {
    // What the desktop shell hands core from safeStorage.getSelectedStorageBackend().
    h.core.platform.keychain = 'basic_text';
    h.render();
    const warning = await screen.findByTestId('keychain-warning');
    expect(warning.textContent).toMatch(/not protected by a keychain/);
    expect(warning.textContent).toMatch(/Install and unlock a keyring/);
    expect((await h.call('app.info', {})).keychain).toBe('basic_text');
  });

  it('says nothing when a keychain protects them', async () => {
    h.core.platform.keychain = 'gnome_libsecret';
    h.render();
    await screen.findByLabelText('Model');
    expect(screen.queryByTestId('keychain-warning')).toBeNull();
  });
});
