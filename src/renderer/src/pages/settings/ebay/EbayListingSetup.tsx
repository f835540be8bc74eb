import { useEffect, useState, type FormEvent } from 'react';
import type { EbaySettings, LocationInput } from '@shared/api';
import { useEbaySetup } from '../../../stores/ebay-setup';
import { useSettingsStore } from '../../../stores/settings';
import { ErrorText } from '../../../components/ErrorRef';

const SITES: { value: EbaySettings['marketplaceId']; label: string }[] = [
  { value: 'EBAY_US', label: 'eBay US (USD)' },
  { value: 'EBAY_GB', label: 'eBay UK (GBP)' },
  { value: 'EBAY_DE', label: 'eBay Germany (EUR)' },
  { value: 'EBAY_CA', label: 'eBay Canada (CAD)' },
  { value: 'EBAY_AU', label: 'eBay Australia (AUD)' },
];

const EMPTY_LOCATION: LocationInput = {
  key: 'home',
  name: 'Home',
  addressLine1: '',
  city: '',
  stateOrProvince: '',
  postalCode: '',
  country: 'US',
};

/**
 * Once per account, before the first listing: the site, the three business policies every
 * listing names, and the location items ship from. Each step says what eBay needs and why.
 */
export function EbayListingSetup() {
  const { setup, busy, error, load, optIn, createLocation } = useEbaySetup();
  const ebay = useSettingsStore((s) => s.settings?.ebay);
  const [location, setLocation] = useState<LocationInput>(EMPTY_LOCATION);
  const [adding, setAdding] = useState(false);
  useEffect(() => void load(), [load]);
  if (!ebay) return null;
  const save = (patch: Partial<EbaySettings>) => void useSettingsStore.getState().save({ ebay: patch });
  const pick = (
    label: string,
    key: 'fulfillmentPolicyId' | 'paymentPolicyId' | 'returnPolicyId',
    options: { id: string; name: string; calculated?: boolean }[],
  ) => (
    <div className="field">
      <label htmlFor={`ebay-${key}`}>{label}</label>
      <select id={`ebay-${key}`} value={ebay[key]} onChange={(e) => save({ [key]: e.target.value })}>
        <option value="">Choose…</option>
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.calculated ? ' (calculated shipping: each item needs its package weight and size)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    if (await createLocation(location)) setAdding(false);
  };
  return (
    <section className="ebay-listing-setup" aria-labelledby="ebay-listing-setup-title">
      <h3 id="ebay-listing-setup-title">Listing setup</h3>
      <p>
        Before FlipSync can publish, eBay needs to know which site you sell on, your shipping, payment and return
        policies (every listing names one of each), and where your items ship from.
      </p>
      <div className="field">
        <label htmlFor="ebay-site">eBay site</label>
        <select
          id="ebay-site"
          value={ebay.marketplaceId}
          onChange={(e) => save({ marketplaceId: e.target.value as EbaySettings['marketplaceId'] })}
        >
          {SITES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      {busy === 'reading' && <p aria-busy="true">Reading your policies and locations from eBay…</p>}
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {setup && !setup.optedIn && (
        <p>
          {setup.message}{' '}
          <button type="button" disabled={busy !== null} onClick={() => void optIn()}>
            Opt in to business policies
          </button>
        </p>
      )}
      {setup?.optedIn && (
        <>
          {setup.message && <p className="hint">{setup.message}</p>}
          {setup.fulfillment.length + setup.payment.length + setup.returns.length === 0 && (
            <p className="hint">
              No policies yet: create them in eBay’s Seller Hub (Account → Business policies), then read them again.
            </p>
          )}
          {pick('Shipping policy', 'fulfillmentPolicyId', setup.fulfillment)}
          {pick('Payment policy', 'paymentPolicyId', setup.payment)}
          {pick('Return policy', 'returnPolicyId', setup.returns)}
        </>
      )}
      {setup && (
        <div className="field">
          <label htmlFor="ebay-location">Ships from</label>
          <select
            id="ebay-location"
            value={ebay.merchantLocationKey}
            onChange={(e) => save({ merchantLocationKey: e.target.value })}
          >
            <option value="">Choose…</option>
            {setup.locations.map((l) => (
              <option key={l.key} value={l.key}>
                {l.name || l.key}
                {l.city ? ` (${l.city})` : ''}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            Add a location…
          </button>
        </div>
      )}
      {adding && (
        <form className="ebay-location-form" onSubmit={(e) => void onAdd(e)} aria-label="New location">
          <p className="hint">eBay shows buyers where an item ships from. The key cannot be changed later.</p>
          {(
            [
              ['key', 'Key'],
              ['name', 'Name'],
              ['addressLine1', 'Street (optional)'],
              ['city', 'City'],
              ['stateOrProvince', 'State or province'],
              ['postalCode', 'Postal code'],
              ['country', 'Country (two letters)'],
            ] as const
          ).map(([key, label]) => (
            <div className="field" key={key}>
              <label htmlFor={`ebay-loc-${key}`}>{label}</label>
              <input
                id={`ebay-loc-${key}`}
                value={location[key]}
                onChange={(e) => setLocation({ ...location, [key]: e.target.value })}
              />
            </div>
          ))}
          <button type="submit" disabled={busy !== null}>
            {busy === 'creating' ? 'Creating on eBay…' : 'Create location'}
          </button>
        </form>
      )}
      <div className="field checkbox">
        <input
          id="ebay-catalog"
          type="checkbox"
          checked={ebay.catalogDetails}
          onChange={(e) => save({ catalogDetails: e.target.checked })}
        />
        <label htmlFor="ebay-catalog">
          Let eBay’s catalog fill in product details (it may replace your title and description)
        </label>
      </div>
      <button type="button" disabled={busy !== null} onClick={() => void load()}>
        Read policies and locations again
      </button>
    </section>
  );
}
