import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DELETE_CONFIRMATION } from '../../src/shared/api';
import { pageForEachTest } from './support/page';

// Generous limits: typing runs key by key and the shared test machine is heavily loaded.
describe('Settings → Backup', () => {
  const h = pageForEachTest({ hash: '#/settings' });

  it('backs up now and says where the file went and what it holds', async () => {
    const user = h.render();
    await screen.findByText('No backup yet.');
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toMatch(/^Backed up to .*\.zip \(/));
    const status = await h.call('backup.status', {});
    expect(status.last?.file).toMatch(/FlipSync-backup-.*\.zip$/);
    expect(screen.getByTestId('backup-last').textContent).toContain(status.last!.file);
  }, 60_000);

  it('shows why a restore was refused, and deletes only after the typed confirmation', async () => {
    const user = h.render();
    await user.type(await screen.findByLabelText(/Restore from a backup file/), '/nowhere/backup.zip');
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /The backup file \/nowhere\/backup\.zip cannot be read/,
    );

    const remove = screen.getByRole('button', { name: 'Delete everything' });
    await user.type(screen.getByLabelText(/Delete everything on this computer/), 'delete');
    expect(remove).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText(/Delete everything on this computer/));
    await user.type(screen.getByLabelText(/Delete everything on this computer/), DELETE_CONFIRMATION);
    await user.click(remove);
    await screen.findByText(/will be deleted when FlipSync next starts\. Close FlipSync now\./);
    expect((await h.call('backup.status', {})).deletePending).toBe(true);
  }, 60_000);
});
