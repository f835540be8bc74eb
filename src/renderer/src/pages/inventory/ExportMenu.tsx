import { useState } from 'react';
import { Modal } from '../../components/Modal';
import { useExport } from '../../stores/inventory-export';
import { hasFilter, useInventoryTable } from '../../stores/inventory-table';
import { downloadText } from './download';
import { ErrorText } from '../../components/ErrorRef';

/** Export as a file download: CSV or JSON, everything or what the filter shows (a small dialog). */
export function ExportMenu({ onClose }: { onClose(): void }) {
  const filtered = useInventoryTable((s) => hasFilter(s.filter));
  const { busy, error, run } = useExport();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [scope, setScope] = useState<'all' | 'filter'>(filtered ? 'filter' : 'all');

  const onExport = async () => {
    const file = await run(format, scope);
    if (!file) return;
    downloadText(file.fileName, file.mimeType, file.text);
    onClose();
  };

  return (
    <Modal labelledBy="export-title" onClose={onClose}>
      <h2 id="export-title">Export items</h2>
      <div className="export-fields">
        <label className="filter">
          <span>Format</span>
          <select value={format} autoFocus onChange={(e) => setFormat(e.target.value as 'csv' | 'json')}>
            <option value="csv">CSV (opens in a spreadsheet)</option>
            <option value="json">JSON (every field)</option>
          </select>
        </label>
        <label className="filter">
          <span>Items</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'filter')}>
            <option value="all">All items</option>
            <option value="filter" disabled={!filtered}>
              Only those matching the current search and filters
            </option>
          </select>
        </label>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void onExport()}>
          {busy ? 'Exporting…' : 'Download'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
    </Modal>
  );
}
