import { useEffect, useState } from 'react';
import type { PreflightLine } from '@shared/api';
import type { Item } from '@shared/domain/inventory';
import { useEbayListing } from '../../../stores/ebay-listing';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorText } from '../../../components/ErrorRef';

const MARK: Record<PreflightLine['state'], string> = { ok: '✓', fail: '✗', info: 'ℹ' };
const SAID: Record<PreflightLine['state'], string> = { ok: 'OK', fail: 'Needs fixing', info: 'Note' };
const STEP: Record<string, string> = {
  photos: 'uploading photos',
  item: 'writing the item',
  offer: 'writing the offer',
  publish: 'publishing',
  end: 'ending the listing',
  done: 'done',
};

/** Where a checklist line's fix is typed: the field's control in the editor. */
function focusField(field: string): void {
  const target =
    field === 'specifics'
      ? document.querySelector<HTMLElement>('.specifics input, .specifics button')
      : field === 'photos'
        ? document.getElementById('photos-title')
        : document.getElementById(`item-${field}`);
  target?.scrollIntoView?.({ block: 'center' });
  target?.focus();
}

/**
 * The item on eBay: a checklist of what eBay would refuse (each line with its fix, and eBay's
 * own choices where it offers them), Publish (or Revise) once nothing fails and the edits are
 * saved, the listing's link once live, and End listing.
 */
export function EbayListingPanel(props: { item: Item; dirty: boolean; onPick(field: string, value: string): void }) {
  const { item, dirty } = props;
  const { preflight, listing, checking, sending, error, open, check, publish, end, migrate, askFees } =
    useEbayListing();
  const [confirm, setConfirm] = useState<'end' | 'migrate' | null>(null);
  useEffect(() => void open(item.id), [open, item.id]);
  useEffect(() => useEbayListing.getState().watch(), []);
  const shown = preflight?.itemId === item.id ? preflight : null;
  const live = listing?.action === 'publish' && listing.state === 'done' && listing.url;
  const linked = shown && shown.target !== 'new';
  const busy = listing?.state === 'pending' || listing?.state === 'sending';
  return (
    <section className="editor-ebay" aria-labelledby="ebay-listing-title">
      <h3 id="ebay-listing-title">eBay listing</h3>
      {live && (
        <p data-testid="ebay-listing-live">
          Live on eBay:{' '}
          <a href={listing.url!} target="_blank" rel="noopener noreferrer">
            listing {listing.listingId}
          </a>
          {listing.revisionsToday > 0 && (
            <span className="muted"> · revised {listing.revisionsToday}× today (eBay allows 250)</span>
          )}
        </p>
      )}
      {listing && listing.state !== 'done' && (
        <p role="status" data-testid="ebay-listing-state" className={listing.state === 'failed' ? 'error' : undefined}>
          {listing.state === 'failed'
            ? `${listing.action === 'end' ? 'Ending' : 'Publishing'} failed: ${listing.reason ?? ''}`
            : `${listing.action === 'end' ? 'Ending' : 'Publishing'}: ${STEP[listing.step] ?? listing.step}${
                listing.reason ? ` — waiting: ${listing.reason}` : ''
              }${listing.nextAt ? ` (next try ${new Date(listing.nextAt).toLocaleTimeString()})` : ''}`}
          {listing.hint && <span className="hint"> {listing.hint}</span>}
        </p>
      )}
      {listing?.state === 'done' && listing.action === 'end' && <p role="status">The listing was ended on eBay.</p>}
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {shown && (
        <ul className="preflight" aria-label="eBay checklist">
          {shown.lines.map((l) => (
            <li key={l.check} className={`preflight-${l.state}`} data-testid={`preflight-${l.check}`}>
              <span role="img" aria-label={SAID[l.state]}>
                {MARK[l.state]}
              </span>{' '}
              <strong>{l.label}</strong> {l.detail}
              {l.state === 'fail' && l.field && (
                <button type="button" className="link" onClick={() => focusField(l.field!)}>
                  Fix
                </button>
              )}
              {l.action === 'ask-fees' && (
                <button type="button" className="link" disabled={sending || dirty} onClick={() => void askFees()}>
                  Ask eBay for the fees
                </button>
              )}
              {l.state === 'fail' && l.choices.length > 0 && l.field && (
                <span className="preflight-choices">
                  {l.choices.map((c) => (
                    <button key={c.value} type="button" onClick={() => props.onPick(l.field!, c.value)}>
                      {c.label}
                    </button>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" onClick={() => void check()} disabled={checking}>
          {checking ? 'Checking with eBay…' : shown ? 'Check again' : 'Check for eBay'}
        </button>
        <button
          type="button"
          onClick={() => void publish()}
          disabled={!shown?.ready || dirty || sending || busy}
          title={dirty ? 'Save the item first: eBay gets what is saved.' : !shown ? 'Check for eBay first.' : undefined}
        >
          {live || linked ? 'Revise listing on eBay' : 'Publish on eBay'}
        </button>
        {(live || linked) && (
          <button type="button" className="danger" onClick={() => setConfirm('end')} disabled={sending || busy}>
            End listing…
          </button>
        )}
        {shown?.target === 'site' && (
          <button type="button" onClick={() => setConfirm('migrate')} disabled={sending || busy}>
            Move to the Inventory API…
          </button>
        )}
        {dirty && shown?.ready && <span className="muted">Save the item first: eBay gets what is saved.</span>}
      </div>
      {confirm === 'end' && (
        <ConfirmDialog
          title="End the eBay listing?"
          body="Buyers can no longer buy it on eBay. The item stays in FlipSync; publishing again makes a new listing."
          confirm="End listing"
          onConfirm={() => {
            setConfirm(null);
            void end();
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
      {confirm === 'migrate' && (
        <ConfirmDialog
          title="Move this listing to the Inventory API?"
          body="This listing was made on eBay's site and FlipSync revises it through the Trading API. Moved, FlipSync can publish, revise and end it like its own listings, but the move is one way: afterwards some of its settings can no longer be changed in Seller Hub. It needs a Custom label (SKU) on eBay."
          confirm="Move it"
          onConfirm={() => {
            setConfirm(null);
            void migrate();
          }}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}
