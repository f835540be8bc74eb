import { useEbayStore } from '../../../stores/ebay';

/** Import from eBay: a button, progress while it runs, and what it did. */
export function EbayImportPanel() {
  const { importStatus: s, busy, startImport, cancelImport } = useEbayStore();
  const running = s?.state === 'running';
  return (
    <div className="ebay-import" aria-live="polite">
      <h3>Listings</h3>
      {running ? (
        <>
          <progress max={s.total || undefined} value={s.read} aria-label="eBay import progress" />
          <p>
            Read {s.read.toLocaleString()}
            {s.total ? ` of ${s.total.toLocaleString()}` : ''} listings (
            {s.phase === 'site'
              ? 'made on eBay'
              : s.phase === 'api'
                ? 'made through apps'
                : s.phase === 'pictures'
                  ? `fetching pictures: ${s.pictures.toLocaleString()} so far`
                  : 'finishing'}
            ).
          </p>
          <button type="button" onClick={() => void cancelImport()}>
            Stop import
          </button>
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => void startImport()}>
          {s?.state === 'cancelled' || s?.state === 'failed' ? 'Resume import from eBay' : 'Import from eBay'}
        </button>
      )}
      {s && s.state !== 'idle' && !running && (
        <p className={s.state === 'failed' ? 'error' : undefined} role="status">
          {s.state === 'done' ? 'Done: ' : ''}
          {s.created} added, {s.updated} updated, {s.unchanged} unchanged, {s.ended} ended on eBay
          {s.pictures > 0 ? `, ${s.pictures} pictures` : ''}
          {s.picturesMissed > 0 ? ` (${s.picturesMissed} could not be fetched)` : ''}
          {s.failed.length > 0 ? `, ${s.failed.length} not imported` : ''}.{s.message ? ` ${s.message}` : ''}
          {s.hint ? ` ${s.hint}` : ''}
        </p>
      )}
      {s && s.failed.length > 0 && (
        <ul>
          {s.failed.slice(0, 20).map((f) => (
            <li key={`${f.itemNumber}-${f.sku}`}>
              {f.sku || f.itemNumber}: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
