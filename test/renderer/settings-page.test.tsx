import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../src/renderer/src/api/transport';
import { App } from '../../src/renderer/src/App';
import { useSettingsStore } from '../../src/renderer/src/stores/settings';
import type { Core } from '../../src/main/core/core';
import type { Settings } from '../../src/shared/api';
import { startCore } from '../support/core';
import { tempDir } from '../support/temp-dir';
import { inProcessTransport } from './in-process-transport';

describe('Settings page', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
    setTransport(inProcessTransport(core));
    useSettingsStore.setState({ settings: null, loadError: null, saveState: 'idle', saveError: null });
    window.location.hash = '#/settings';
  });
  afterEach(async () => {
    cleanup();
    setTransport(null);
    await core.close();
    await dir.remove();
  });

  const saved = async () =>
    ((await core.dispatch('settings.get', {}, { transport: 'in-process' })) as { data: Settings }).data;

  it('shows the saved settings and saves a change to the core', async () => {
    const user = userEvent.setup();
    render(<App />);
    const model = await screen.findByLabelText('Model');
    expect(model).toHaveProperty('value', 'gpt-4o-mini');

    await user.clear(model);
    await user.type(model, 'llama3.1:8b');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved.'));
    expect((await saved()).ai.model).toBe('llama3.1:8b');
  });

  it('shows the core’s reason next to a bad field and saves nothing', async () => {
    const user = userEvent.setup();
    render(<App />);
    const budget = await screen.findByLabelText('Daily budget (USD)');
    await user.clear(budget);
    await user.type(budget, '-3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const alert = await screen.findByText('The daily budget cannot be negative.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(budget.getAttribute('aria-invalid')).toBe('true');
    expect((await saved()).ai.dailyBudgetUsd).toBe(5);
  });

  it('follows a change made elsewhere (another window or device)', async () => {
    render(<App />);
    await screen.findByLabelText('Currency');
    await core.dispatch('settings.set', { general: { currency: 'EUR' } }, { transport: 'in-process' });
    await waitFor(() => expect(screen.getByLabelText('Currency')).toHaveProperty('value', 'EUR'));
  });
});
