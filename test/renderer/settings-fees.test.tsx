import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { pageForEachTest } from './support/page';

describe('Settings → Selling fees', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/settings' });
  const form = async () => within((await screen.findByRole('heading', { name: 'Selling fees' })).closest('form')!);

  it('adds a dated table for the seller’s currency, and shows the core’s reason for a bad field without saving', async () => {
    await h.call('settings.set', { general: { currency: 'GBP' } });
    const user = h.render();
    const fees = await form();
    // eBay US's table is there; none for pounds yet, and the page says what that means.
    expect(fees.getByLabelText('Currency, table 1')).toHaveProperty('value', 'USD');
    expect(fees.getByLabelText('Rate (%), table 1')).toHaveProperty('value', '13.6');
    expect((await screen.findByTestId('fees-missing')).textContent).toMatch(/No fee table for GBP/);

    await user.click(fees.getByRole('button', { name: 'Add a fee table' }));
    expect(fees.getByLabelText('Currency, table 2')).toHaveProperty('value', 'GBP');
    await user.type(fees.getByLabelText('Marketplace, table 2'), 'EBAY_GB');
    await user.type(fees.getByLabelText('Rate (%), table 2'), '60');
    await user.type(fees.getByLabelText('Per order, table 2'), '0.3');
    await user.clear(fees.getByLabelText('From (date), table 2'));
    await user.type(fees.getByLabelText('From (date), table 2'), '2024-10-01');
    await user.click(fees.getByRole('button', { name: 'Save fees' }));
    expect(await fees.findByText('Use a rate of at most 50%.')).toBeTruthy();
    expect((await h.call('settings.get', {})).fees.tables).toHaveLength(1);

    await user.clear(fees.getByLabelText('Rate (%), table 2'));
    await user.type(fees.getByLabelText('Rate (%), table 2'), '12.8');
    await user.click(fees.getByRole('button', { name: 'Save fees' }));
    await waitFor(async () => expect((await h.call('settings.get', {})).fees.tables).toHaveLength(2));
    expect((await h.call('settings.get', {})).fees.tables[1]).toMatchObject({
      currency: 'GBP',
      marketplace: 'EBAY_GB',
      ratePct: 12.8,
      perOrder: 0.3,
      since: '2024-10-01',
    });
    await waitFor(() => expect(screen.queryByTestId('fees-missing')).toBeNull());
    // The form starts over from what was saved: nothing left to save.
    const saved = await form();
    expect(saved.getByLabelText('Rate (%), table 2')).toHaveProperty('value', '12.8');
    expect(saved.getByRole('button', { name: 'Save fees' })).toHaveProperty('disabled', true);
  });
});
