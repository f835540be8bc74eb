import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { pageForEachTest } from './support/page';

describe('Settings page', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/settings' });

  const saved = () => h.call('settings.get', {});

  it('shows the saved settings and saves a change to the core', async () => {
    const user = h.render();
    const model = await screen.findByLabelText('Model');
    expect(model).toHaveProperty('value', 'gpt-4o-mini');

    await user.clear(model);
    await user.type(model, 'llama3.1:8b');
    // A change typed in the general form survives a save of the AI form, and the other way round.
    const currency = screen.getByLabelText('Currency');
    await user.clear(currency);
    await user.type(currency, 'GBP');
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    await waitFor(() => expect(screen.getByTestId('ai-save-status').textContent).toBe('Saved.'));
    expect((await saved()).ai.model).toBe('llama3.1:8b');
    expect(screen.getByLabelText('Currency')).toHaveProperty('value', 'GBP');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(screen.getByTestId('save-status').textContent).toBe('Saved.'));
    expect((await saved()).general.currency).toBe('GBP');
    expect(screen.getByLabelText('Model')).toHaveProperty('value', 'llama3.1:8b');
  });

  it('shows the core’s reason next to a bad field and saves nothing', async () => {
    const user = h.render();
    const budget = await screen.findByLabelText('Daily budget (USD)');
    await user.clear(budget);
    await user.type(budget, '-3');
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));

    const alert = await screen.findByText('The daily budget cannot be negative.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(budget.getAttribute('aria-invalid')).toBe('true');
    expect((await saved()).ai.dailyBudgetUsd).toBe(5);
  });

  it('follows a change made elsewhere (another window or device)', async () => {
    h.render();
    await screen.findByLabelText('Currency');
    await h.call('settings.set', { general: { currency: 'EUR' } });
    await waitFor(() => expect(screen.getByLabelText('Currency')).toHaveProperty('value', 'EUR'));
  });
});
