/**
 * Settings → eBay → Listing setup on a real core and the eBay double: the business-policy
 * opt-in, the three policies, and a ships-from location created from Settings, each choice
 * saved as a setting that publishing then uses.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { consent } from '../support/ebay/harness';
import { ebayBesidePage } from './support/ebay';
import { pageForEachTest } from './support/page';

describe('eBay listing setup', () => {
  const h = pageForEachTest({ hash: '#/settings?section=ebay' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-setup');

  it('opts in, picks the policies and creates the location, by keyboard-reachable controls', async () => {
    const l = e.ebay.state.listing;
    l.optedIn = false;
    l.policies.push(
      { id: 'F-1', name: 'Flat $5', kind: 'fulfillment' },
      { id: 'F-2', name: 'USPS calculated', kind: 'fulfillment', calculated: true },
      { id: 'P-1', name: 'Payments', kind: 'payment' },
      { id: 'R-1', name: '30-day returns', kind: 'return' },
    );
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45673/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });

    const user = h.render();
    const setup = await screen.findByRole('region', { name: 'Listing setup' });
    await within(setup).findByText(/opted in to business policies/);
    await user.click(within(setup).getByRole('button', { name: 'Opt in to business policies' }));
    const shipping = await within(setup).findByLabelText('Shipping policy');
    expect([...(shipping as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Choose…',
      'Flat $5',
      'USPS calculated (calculated shipping: each item needs its package weight and size)',
    ]);
    await user.selectOptions(shipping, 'F-1');
    await user.selectOptions(within(setup).getByLabelText('Payment policy'), 'P-1');
    await user.selectOptions(within(setup).getByLabelText('Return policy'), 'R-1');

    await user.click(within(setup).getByRole('button', { name: 'Add a location…' }));
    const form = within(setup).getByRole('form', { name: 'New location' });
    await user.type(within(form).getByLabelText('City'), 'Portland');
    await user.type(within(form).getByLabelText('Postal code'), '97201');
    await user.click(within(form).getByRole('button', { name: 'Create location' }));
    await waitFor(() => expect((within(setup).getByLabelText('Ships from') as HTMLSelectElement).value).toBe('home'));
    expect(within(setup).queryByRole('form', { name: 'New location' })).toBeNull();

    const saved = (await h.call('settings.get', {})).ebay;
    expect(saved).toMatchObject({
      fulfillmentPolicyId: 'F-1',
      paymentPolicyId: 'P-1',
      returnPolicyId: 'R-1',
      merchantLocationKey: 'home',
      catalogDetails: false,
    });
    expect(l.locations).toEqual([{ key: 'home', name: 'Home', city: 'Portland', country: 'US' }]);
    expect(e.ebay.violations).toEqual([]);
  });
});
