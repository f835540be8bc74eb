import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useConnectionStore } from '../../stores/connection';
import { useEbayOrders } from '../../stores/ebay-orders';
import { useItemEditor } from '../../stores/inventory-editor';
import { useImportWizard } from '../../stores/inventory-import';
import { useInlineEdit } from '../../stores/inventory-inline';
import { hasFilter, useInventoryTable } from '../../stores/inventory-table';
import { useSettingsStore } from '../../stores/settings';
import { BulkBar } from './BulkBar';
import { CreateItemDialog } from './CreateItemDialog';
import { EbayImportDialog } from './EbayImportDialog';
import { ItemEditor } from './editor/ItemEditor';
import { ExportMenu } from './ExportMenu';
import { FiltersBar, SearchBox } from './FiltersBar';
import { ImportWizard } from './import/ImportWizard';
import { InventoryTable } from './InventoryTable';
import './inventory.css';
import { ErrorRef, ErrorText } from '../../components/ErrorRef';

/** Refetches what is on screen when items change here or arrive by sync, at most every 250 ms. */
function useFollowChanges() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = api.on('inventory.changed', () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        const table = useInventoryTable.getState();
        void table.refresh();
        void table.loadFacets();
        const editor = useItemEditor.getState();
        if (editor.id && editor.saveStatus !== 'busy') void editor.reload();
      }, 250);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }, []);
}

export function InventoryPage() {
  const { total, filter, error } = useInventoryTable();
  const notice = useInlineEdit((s) => s.notice);
  const currency = useSettingsStore((s) => s.settings?.general.currency ?? 'USD');
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importingEbay, setImportingEbay] = useState(false);
  // Known from the status bar, which reads it at start and follows sign-ins and sign-outs.
  const ebayConnected = useEbayOrders((s) => s.status?.connected ?? false);
  const connection = useConnectionStore((s) => s.state);
  useFollowChanges();
  useEffect(() => {
    // Also after a reconnect: the core may have changed while this window could not hear it.
    if (connection !== 'open') return;
    // The rows first: the filter bar's choices are not needed to read or search the table,
    // and rendering them would hold up the first rows.
    const table = useInventoryTable.getState();
    void table.refresh().then(() => table.loadFacets());
  }, [connection]);

  const empty = total === 0 && !hasFilter(filter);
  return (
    <section className="inventory-page" aria-labelledby="inventory-title">
      <header className="inv-toolbar">
        <h1 id="inventory-title">Inventory</h1>
        <SearchBox />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New item
        </button>
        <button type="button" onClick={() => useImportWizard.getState().start()}>
          Import CSV…
        </button>
        {ebayConnected && (
          <button type="button" aria-haspopup="dialog" onClick={() => setImportingEbay(true)}>
            Import from eBay…
          </button>
        )}
        <button type="button" aria-haspopup="dialog" onClick={() => setExporting(true)}>
          Export…
        </button>
        {exporting && <ExportMenu onClose={() => setExporting(false)} />}
        {importingEbay && <EbayImportDialog onClose={() => setImportingEbay(false)} />}
        <span className="muted" data-testid="inventory-count" role="status">
          {total === null ? 'Loading…' : `${total.toLocaleString()} item${total === 1 ? '' : 's'}`}
        </span>
      </header>
      {!empty && <FiltersBar />}
      {!empty && <BulkBar />}
      {error && (
        <p className="error" role="alert">
          The inventory could not be loaded: <ErrorText error={error} />
        </p>
      )}
      {notice && (
        <p className="error notice" role="alert" id="inline-notice" data-testid="inline-notice">
          {notice.error.message} {notice.error.hint} <ErrorRef error={notice.error} />{' '}
          <button type="button" className="link" onClick={() => useInlineEdit.getState().dismiss()}>
            Dismiss
          </button>
        </p>
      )}
      {empty ? (
        <div className="empty-state" data-testid="inventory-empty">
          <h2>No items yet</h2>
          <p>
            Your inventory lives on this computer. Add your first item, or import the CSV you download from eBay Seller
            Hub (Reports → Active listings) or any spreadsheet with a SKU and a title column.
          </p>
          <div className="actions centered">
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              Create an item
            </button>
            <button type="button" onClick={() => useImportWizard.getState().start()}>
              Import a CSV
            </button>
          </div>
        </div>
      ) : total === 0 ? (
        <div className="empty-state">
          <p>No items match this search and these filters.</p>
          <button type="button" onClick={() => useInventoryTable.getState().clearFilter()}>
            Clear search and filters
          </button>
        </div>
      ) : (
        <div className="inv-main">
          <InventoryTable currency={currency} />
          <ItemEditor />
        </div>
      )}
      {creating && <CreateItemDialog onClose={() => setCreating(false)} />}
      <ImportWizard />
    </section>
  );
}
