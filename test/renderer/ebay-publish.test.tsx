/**
 * Publishing from the item editor, on a real core with the eBay double: the eBay checklist
 * says what eBay would refuse, offers eBay's own leaf categories for the title, Publish waits
 * until nothing fails and the edits are saved, and the live listing's link shows.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { consent } from '../support/ebay/harness';
import { seedSite } from '../support/ebay/index';
import type { DoublePolicy } from '../support/ebay/listing';
import { ebayBesidePage } from './support/ebay';
import { fakeViewport } from './support/inventory';
import { pageForEachTest } from './support/page';

describe('eBay listing in the item editor', () => {
  const h = pageForEachTest({ hash: '#/inventory' });
  const e = ebayBesidePage(h, 'CANARY-relay-secret-publish');
  let restoreViewport: () => void;
  beforeEach(() => (restoreViewport = fakeViewport()));
  afterEach(() => restoreViewport());

  /** Listing setup done on eBay and chosen in Settings, with the given shipping policy. */
  async function setUpWith(fulfillment: DoublePolicy) {
    e.ebay.state.listing.policies.push(
      fulfillment,
      { id: 'P-1', name: 'Payments', kind: 'payment' },
      { id: 'R-1', name: 'Returns', kind: 'return' },
    );
    e.ebay.state.listing.locations.push({ key: 'home', name: 'Home', city: 'Leeds', country: 'GB' });
    await h.call('settings.set', {
      ebay: {
        fulfillmentPolicyId: fulfillment.id,
        paymentPolicyId: 'P-1',
        returnPolicyId: 'R-1',
        merchantLocationKey: 'home',
      },
    });
  }

  it('checks the item, takes eBay’s category, waits for the save, publishes and links the listing', async () => {
    const s = e.ebay.state;
    s.categories.push({
      id: '57988',
      name: "Men's Coats & Jackets",
      ancestors: [{ id: '11450', name: 'Clothing' }],
      leaf: true,
      words: ['jacket', 'coat'],
      aspects: [{ name: 'Brand', required: true }],
    });
    s.listing.policies.push(
      { id: 'F-1', name: 'Flat shipping', kind: 'fulfillment' },
      { id: 'P-1', name: 'Payments', kind: 'payment' },
      { id: 'R-1', name: 'Returns', kind: 'return' },
    );
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45676/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    await h.call('ebay.listing.createLocation', {
      key: 'home',
      name: 'Home',
      addressLine1: '',
      city: 'Leeds',
      stateOrProvince: '',
      postalCode: 'LS1 1AA',
      country: 'GB',
    });
    await h.call('settings.set', {
      ebay: { fulfillmentPolicyId: 'F-1', paymentPolicyId: 'P-1', returnPolicyId: 'R-1' },
    });
    const item = await h.call('inventory.create', {
      sku: 'JKT-9',
      title: 'Barbour wax jacket',
      brand: 'Barbour',
      category: 'Jackets',
      condition: 'Used',
      listPrice: 120,
      quantity: 1,
    });
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#335577' } })
      .jpeg()
      .toBuffer();
    await h.core.photos.service.addBytes(item.id, 'front.jpg', jpeg);

    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Barbour wax jacket' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const panel = await within(editor).findByRole('region', { name: 'eBay listing' });
    // Nothing is asked of eBay until the seller checks.
    expect(within(panel).getByRole('button', { name: 'Publish on eBay' })).toHaveProperty('disabled', true);
    await user.click(within(panel).getByRole('button', { name: 'Check for eBay' }));
    const category = await within(panel).findByTestId('preflight-category');
    expect(category.textContent).toMatch(/"Jackets" is not an eBay category/);
    expect(within(category).getByRole('img', { name: 'Needs fixing' })).toBeTruthy();
    // eBay's suggestion for the title goes into the Category field; the seller saves it.
    await user.click(within(category).getByRole('button', { name: "Clothing > Men's Coats & Jackets" }));
    expect((within(editor).getByLabelText('Category') as HTMLInputElement).value).toBe("Men's Coats & Jackets (57988)");
    // The checklist checks what is saved (what eBay would get): save, then check again.
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    await user.click(within(panel).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(within(panel).getByTestId('preflight-category').textContent).toMatch(/leaf category/));
    const publish = within(panel).getByRole('button', { name: 'Publish on eBay' });
    await waitFor(() => expect(publish).toHaveProperty('disabled', false));
    // An unsaved edit holds Publish back: eBay would get the saved price, not this one.
    await user.clear(within(editor).getByLabelText('List price'));
    await user.type(within(editor).getByLabelText('List price'), '110');
    expect(publish).toHaveProperty('disabled', true);
    expect(within(panel).getByText('Save the item first: eBay gets what is saved.')).toBeTruthy();
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(publish).toHaveProperty('disabled', false));

    await user.click(within(panel).getByRole('button', { name: 'Publish on eBay' }));
    const live = await within(panel).findByTestId('ebay-listing-live', {}, { timeout: 30_000 });
    const link = within(live).getByRole('link');
    expect(link.getAttribute('href')).toMatch(/^https:\/\/www\.ebay\.com\/itm\/13\d{10}$/);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(panel).getByRole('button', { name: 'Revise listing on eBay' })).toBeTruthy();
    expect(s.offers.find((o) => o.sku === 'JKT-9')).toMatchObject({
      status: 'PUBLISHED',
      pricingSummary: { price: { value: '110.00' } },
    });
    expect(s.listing.uploads).toHaveLength(1);
    // Published: the checklist is checked again (a live listing has no fees to ask); let it finish.
    await waitFor(() =>
      expect(within(panel).getByTestId('preflight-fees').textContent).toMatch(/revising it costs nothing/),
    );
    expect(e.ebay.violations).toEqual([]);
  }, 60_000);

  it('asks for the package under a calculated-shipping policy; Fix goes to the field and the seller types it', async () => {
    const s = e.ebay.state;
    s.categories.push({ id: '57988', name: 'Coats', ancestors: [], leaf: true, words: ['jacket'], aspects: [] });
    await setUpWith({ id: 'F-CALC', name: 'Calculated', kind: 'fulfillment', calculated: true });
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45677/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    await h.call('inventory.create', {
      sku: 'JKT-8',
      title: 'Wool jacket',
      category: 'Coats (57988)',
      condition: 'Used',
      listPrice: 60,
      quantity: 1,
    });

    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Wool jacket' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const panel = await within(editor).findByRole('region', { name: 'eBay listing' });
    await user.click(within(panel).getByRole('button', { name: 'Check for eBay' }));
    const pack = await within(panel).findByTestId('preflight-package');
    expect(pack.textContent).toMatch(/calculated shipping, so eBay needs the package weight and size/);
    await user.click(within(pack).getByRole('button', { name: 'Fix' }));
    expect(document.activeElement).toBe(within(editor).getByLabelText('Package weight'));
    await user.keyboard('3 lb');
    await user.type(within(editor).getByLabelText('Package size'), '16 x 12 x 4 in');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    await user.click(within(panel).getByRole('button', { name: 'Check again' }));
    await waitFor(() =>
      expect(within(panel).getByTestId('preflight-package').textContent).toMatch(
        /3 lb, 16 x 12 x 4 in: eBay works out the postage/,
      ),
    );
    expect(e.ebay.violations).toEqual([]);
  }, 60_000);

  it('offers a site listing’s one-way move to the Inventory API only behind a confirmation that says so', async () => {
    const s = e.ebay.state;
    await setUpWith({ id: 'F-1', name: 'Flat shipping', kind: 'fulfillment' });
    await h.call('settings.set', { ebay: { importPictures: false } });
    seedSite(s, 1);
    const { url } = await h.call('ebay.connect.begin', { returnTo: 'http://127.0.0.1:45674/ebay/callback' });
    await h.call('ebay.connect.complete', { url: await consent(e.browser, url) });
    await h.call('ebay.import.start', {});
    await h.core.ebay.importer.idle();

    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Vintage find number 1' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const panel = await within(editor).findByRole('region', { name: 'eBay listing' });
    await user.click(within(panel).getByRole('button', { name: 'Check for eBay' }));
    await waitFor(() => expect(within(panel).getByTestId('preflight-setup').textContent).toMatch(/Trading API/));
    expect(within(panel).getByRole('button', { name: 'Revise listing on eBay' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Move to the Inventory API…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Move this listing to the Inventory API?' });
    expect(dialog.textContent).toMatch(/one way/);
    // Cancelled: nothing is asked of eBay.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(s.calls).not.toContain('inventory:bulkMigrateListing');
    await user.click(within(panel).getByRole('button', { name: 'Move to the Inventory API…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Move it' }));
    await waitFor(() =>
      expect(within(panel).getByTestId('preflight-setup').textContent).toMatch(/Policies and location are chosen/),
    );
    expect(within(panel).getByRole('button', { name: 'End listing…' })).toBeTruthy();
    expect(s.offers.find((o) => o.sku === 'SITE-1')?.status).toBe('PUBLISHED');
    expect(e.ebay.violations).toEqual([]);
  }, 60_000);
});
