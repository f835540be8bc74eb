import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { filterFromInventoryQuery } from '../../src/renderer/src/pages/dashboard/inventory-link';
import { useDashboard } from '../../src/renderer/src/stores/dashboard';
import { useInventoryTable } from '../../src/renderer/src/stores/inventory-table';
import { buildSeller } from '../core/analytics/fixtures';
import { pageForEachTest } from './support/page';

const figure = (id: string) => screen.getByTestId(id).textContent;
/** The core computes and the machine may be busy: allow more than waitFor's default second. */
const slow = { timeout: 10_000 };

// Each test builds a real seller through the core's routes: slower than a render alone.
describe('Dashboard page', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/dashboard' });

  it('tells a new seller what to do first, with no sample numbers', async () => {
    h.render();
    const empty = await screen.findByTestId('dashboard-empty', {}, slow);
    expect(empty.textContent).toMatch(/No items or sales yet/);
    expect(figure('revenue')).toBe('$0.00');
    expect(figure('value-at-cost')).toBe('$0.00');
    expect(figure('sell-through')).toBe('—');
    expect(figure('agent-success')).toBe('—');
  });

  it("shows the seller's figures, each linking to the inventory filtered to what it counts", async () => {
    await buildSeller(h.core);
    const user = h.render();
    await waitFor(() => expect(figure('revenue')).toBe('$250.00'), slow);
    expect(screen.queryByTestId('dashboard-empty')).toBeNull();
    expect(figure('profit')).toBe('$130.00');
    expect(figure('value-at-cost')).toBe('$90.00');
    expect(figure('value-at-list')).toBe('$225.00');
    expect(figure('status-listed')).toBe('3');
    expect(figure('aging-91-180')).toBe('1');
    expect(figure('sell-through')).toBe('44.4%');
    expect(screen.getByText(/\$50\.00 refunded \(1 unit\)/)).toBeTruthy();

    const listed = screen.getByTestId('status-listed').closest('a')!;
    expect(filterFromInventoryQuery(listed.getAttribute('href')!)).toEqual({ status: ['listed'] });
    await user.click(screen.getByTestId('aging-91-180'));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/inventory\?/), slow);
    const wanted = { status: ['listed' as const], ageMinDays: 91, ageMaxDays: 180 };
    expect(filterFromInventoryQuery(window.location.hash)).toEqual(wanted);
    expect(useInventoryTable.getState().filter).toEqual(wanted);
    // The inventory list answers with exactly the one item the bucket counted (F, 120 days).
    const page = await h.call('inventory.list', wanted);
    expect(page.items.map((i) => i.sku)).toEqual(['F']);
  });

  it('follows a sale recorded elsewhere without a reload', async () => {
    const { f } = await buildSeller(h.core);
    h.render();
    await waitFor(() => expect(figure('revenue')).toBe('$250.00'), slow);
    await h.call('inventory.recordSale', { id: f.id, price: 60, fees: 6, shippingCost: 4, date: '2025-12-02' });
    await waitFor(() => expect(figure('revenue')).toBe('$310.00'), slow);
    expect(figure('profit')).toBe('$170.00'); // 130 + 60 − 6 − 4 − 10 cost
  });

  it('says a range that ends before it starts is impossible, and shows no figures for it', async () => {
    await buildSeller(h.core);
    h.render();
    await waitFor(() => expect(figure('revenue')).toBe('$250.00'), slow);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-12-31' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-01' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^The range starts \(2025-12-31\) after it ends \(2025-01-01\)\. Pick an earlier From date/,
    );
    expect(screen.queryByTestId('revenue')).toBeNull();
  });

  it('keeps saying the same sentence when a change event refreshes an impossible range', async () => {
    await buildSeller(h.core);
    h.render();
    await waitFor(() => expect(figure('revenue')).toBe('$250.00'), slow);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-12-31' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-01-01' } });
    await screen.findByRole('alert');
    // What the analytics.changed refresh does: it must not ask core and show core's wording.
    await act(() => useDashboard.getState().load());
    expect(screen.getByRole('alert').textContent).toMatch(/^The range starts \(2025-12-31\) after it ends/);
    expect(screen.queryByTestId('revenue')).toBeNull();
  });

  it('filters every figure by category', async () => {
    await buildSeller(h.core);
    const user = h.render();
    await waitFor(() => expect(figure('revenue')).toBe('$250.00'), slow);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Shoes' })).toBeTruthy(), slow);
    await user.selectOptions(screen.getByLabelText('Category'), 'Shoes');
    await waitFor(() => expect(figure('revenue')).toBe('$160.00'), slow);
    expect(figure('profit')).toBe('$52.00');
    expect(figure('value-at-cost')).toBe('$40.00');
    const listed = screen.getByTestId('status-listed').closest('a')!;
    expect(filterFromInventoryQuery(listed.getAttribute('href')!)).toEqual({ category: ['Shoes'], status: ['listed'] });
  });
});
