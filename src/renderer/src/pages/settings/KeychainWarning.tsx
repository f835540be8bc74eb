import { useAppInfoStore } from '../../stores/app-info';

/**
 * Linux without a keyring (no GNOME Keyring, KWallet or other Secret Service): Chromium then
 * encrypts with a key built into the app, so anyone who can read the data folder can read the
 * saved keys. Said plainly, with what fixes it.
 */
export function KeychainWarning() {
  const keychain = useAppInfoStore((s) => s.info?.keychain);
  if (keychain !== 'basic_text') return null;
  return (
    <p className="error" role="alert" data-testid="keychain-warning">
      Your saved keys and passwords are not protected by a keychain on this computer. Linux has no keyring running here
      (such as GNOME Keyring or KWallet), so FlipSync can only obscure them: anyone who can read your FlipSync data
      folder, or a backup of it, can read them. Install and unlock a keyring, then restart FlipSync and enter the keys
      again.
    </p>
  );
}
