import { useEffect } from 'react';
import { ErrorText } from '../../components/ErrorRef';
import { Modal } from '../../components/Modal';
import { useEbayStore } from '../../stores/ebay';
import { EbayImportPanel } from '../settings/ebay/EbayImportPanel';

/**
 * Import from eBay, opened from the Inventory toolbar: the same import as Settings → eBay
 * (its progress, stop and resume, and its summary), so the seller need not leave the table.
 */
export function EbayImportDialog({ onClose }: { onClose(): void }) {
  const error = useEbayStore((s) => s.error);
  useEffect(() => {
    const store = useEbayStore.getState();
    void store.load();
    return store.watch();
  }, []);
  return (
    <Modal labelledBy="ebay-import-title" onClose={onClose}>
      <h2 id="ebay-import-title">Import from eBay</h2>
      <p>
        Your active eBay listings become or update items here, matched by SKU, then by eBay item number. Nothing is
        changed on eBay.
      </p>
      <EbayImportPanel />
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="actions">
        <a href="#/settings?section=ebay" onClick={onClose}>
          eBay settings
        </a>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
