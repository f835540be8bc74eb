import { screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remoteName } from '../../src/main/core/sync/remote';
import { startCouchServer, type CouchServer } from '../support/couch-server';
import { seed, inventoryForEachTest } from './support/inventory';

const PASSWORD = 'couch-canary-pw-83b1d';

describe('Sync settings and the sync indicator on a real core and CouchDB server', () => {
  const h = inventoryForEachTest();
  let couch: CouchServer;
  beforeEach(async () => {
    couch = await startCouchServer({ user: { username: 'seller', password: PASSWORD } });
    window.location.hash = '#/settings';
  });
  afterEach(async () => {
    await h.call('sync.stop', {}).catch(() => undefined);
    await couch.close();
  });

  it('saves the server with write-only credentials, syncs, and shows it in the status bar', async () => {
    await seed(h, 2);
    const user = h.render();
    await waitFor(() => expect(screen.getByTestId('sync-indicator').textContent).toMatch(/Sync off/));
    expect(screen.getByTestId('sync-credentials').textContent).toBe('No credentials saved.');

    await user.type(screen.getByLabelText('Server address'), couch.url);
    await user.type(screen.getByLabelText('Username'), 'seller');
    await user.type(screen.getByLabelText('Password'), PASSWORD);
    await user.click(screen.getByLabelText('Sync is on'));
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));

    await waitFor(() => expect(screen.getByTestId('sync-save-status').textContent).toBe('Saved.'));
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(screen.getByTestId('sync-credentials').textContent).toMatch(/saved in the secret store/);
    await waitFor(() => expect(screen.getByTestId('sync-indicator').textContent).toMatch(/^Synced · last just now$/), {
      timeout: 15_000,
    });
    const { total_rows } = await couch.db(remoteName('inventory')).allDocs();
    expect(total_rows).toBeGreaterThanOrEqual(2);
    expect(document.body.innerHTML).not.toContain(PASSWORD);
  }, 30_000);

  it('shows the reason next to an address that would send the password in the clear', async () => {
    const user = h.render();
    await user.type(await screen.findByLabelText('Server address'), 'http://couch.example.com:5984');
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    const alert = await screen.findByText(/Use https:\/\/ for couch\.example\.com/);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.getByLabelText('Server address').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a refused password as a sync error with its reason', async () => {
    const user = h.render();
    await user.type(await screen.findByLabelText('Server address'), couch.url);
    await user.type(screen.getByLabelText('Username'), 'seller');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByLabelText('Sync is on'));
    await user.click(screen.getByRole('button', { name: 'Save sync settings' }));
    const error = await screen.findByTestId('sync-status-error', {}, { timeout: 15_000 });
    expect(error.textContent).toMatch(/password|credential|401|authori/i);
    expect(screen.getByTestId('sync-indicator').textContent).toMatch(/Sync error/);
  }, 30_000);
});
