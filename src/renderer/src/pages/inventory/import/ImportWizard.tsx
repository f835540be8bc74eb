import { useEffect, useRef } from 'react';
import { Modal } from '../../../components/Modal';
import { useImportWizard } from '../../../stores/inventory-import';
import { MappingTable } from './MappingTable';
import { RowIssues } from './RowIssues';
import { ErrorRef } from '../../../components/ErrorRef';
import { UPLOAD_PART_CHARS } from '@shared/api';

const FORMAT_LABEL = {
  'ebay-active-listings': 'eBay Seller Hub "Active listings" report',
  'ebay-file-exchange': 'eBay File Exchange',
  generic: 'Generic CSV',
} as const;

/** A file sent in one part is there before a progress line could be read. */
const SHOW_SENDING_FROM = UPLOAD_PART_CHARS;
const megabytes = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

const n = (count: number) => count.toLocaleString();
const rows = (n: number) => `${n.toLocaleString()} row${n === 1 ? '' : 's'}`;

/** Choose a file → check the preview and mapping → import with progress → see every row's result. */
export function ImportWizard() {
  const s = useImportWizard();
  if (!s.open) return null;
  return (
    <Modal wide labelledBy="import-title" onClose={s.step === 'running' ? undefined : s.close}>
      <ImportSteps />
    </Modal>
  );
}

function ImportSteps() {
  const s = useImportWizard();
  const heading = useRef<HTMLHeadingElement>(null);
  // Each step replaces the controls; focus would fall to the page, so it starts at the top.
  useEffect(() => {
    if (s.step !== 'choose') heading.current?.focus();
  }, [s.step]);
  return (
    <>
      <h2 id="import-title" ref={heading} tabIndex={-1}>
        Import items from a CSV file
      </h2>
      <ol className="steps" aria-label="Steps">
        {(['choose', 'preview', 'running', 'done'] as const).map((step, i) => (
          <li key={step} aria-current={s.step === step ? 'step' : undefined}>
            {i + 1}. {['Choose file', 'Check columns', 'Import', 'Result'][i]}
          </li>
        ))}
      </ol>

      {s.step === 'choose' && (
        <div className="field">
          <label htmlFor="import-file">CSV file (eBay Seller Hub report, File Exchange or your own columns)</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            autoFocus
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void s.chooseFile(file);
            }}
          />
          {s.sending && s.sending.total > SHOW_SENDING_FROM && (
            <p role="status" aria-busy="true" data-testid="import-sending">
              Sending {s.fileName} to FlipSync: {megabytes(s.sending.sent)} of {megabytes(s.sending.total)}{' '}
              <progress value={s.sending.sent} max={s.sending.total} aria-label="Sending the file" />
            </p>
          )}
          {s.busy && !s.waiting && !s.sending && <p aria-busy="true">Reading {s.fileName}…</p>}
          {s.waiting && (
            <p role="status" aria-busy="true" data-testid="import-waiting">
              Waiting: FlipSync reads one file at a time and is busy with {s.waiting.behind}.{' '}
              {s.waiting.ahead === 1 ? 'Yours is next.' : `${s.waiting.ahead - 1} more before yours.`}
            </p>
          )}
        </div>
      )}

      {s.step === 'preview' && s.preview && (
        <div className="import-preview">
          <p data-testid="import-format">
            <strong>{s.fileName}</strong>: {FORMAT_LABEL[s.preview.format]} (header on row {s.preview.headerRow}).{' '}
            {rows(s.preview.counts.rows)}: {n(s.preview.counts.valid)} valid, {n(s.preview.counts.invalid)} with errors;{' '}
            {n(s.preview.counts.newSkus)} new SKUs, {n(s.preview.counts.existingSkus)} already in your inventory (they
            will be updated).
          </p>
          <MappingTable />
          <RowIssues title="Rows that will not import" issues={s.preview.errors} total={s.preview.counts.invalid} />
          <RowIssues title="Warnings" issues={s.preview.warnings} />
          <label className="field checkbox">
            <input type="checkbox" checked={s.allOrNothing} onChange={(e) => s.setAllOrNothing(e.target.checked)} />
            All or nothing: import nothing if any row has an error
          </label>
        </div>
      )}

      {s.step === 'running' && s.progress && (
        <div>
          <label htmlFor="import-progress">Importing {s.fileName}…</label>
          <progress id="import-progress" max={Math.max(1, s.progress.total)} value={s.progress.done} />
          <span data-testid="import-progress-text">
            {' '}
            {n(s.progress.done)} of {rows(s.progress.total)}
          </span>
        </div>
      )}

      {s.step === 'done' && s.result && (
        <div data-testid="import-result">
          <p role="status">
            Imported {s.fileName}: {n(s.result.created)} created, {n(s.result.updated)} updated, {n(s.result.skipped)}{' '}
            skipped, {n(s.result.errorCount)} row{s.result.errorCount === 1 ? '' : 's'} with errors.
          </p>
          <RowIssues title="Rows with errors" issues={s.result.errors} total={s.result.errorCount} />
          <RowIssues title="Warnings" issues={s.result.warnings} />
        </div>
      )}

      {s.error && (
        <p className="error" role="alert">
          {s.error.message} {s.error.hint} <ErrorRef error={s.error} />
        </p>
      )}

      <div className="actions">
        {s.step === 'preview' && (
          <button
            type="button"
            className="primary"
            disabled={s.busy || !s.preview?.counts.valid}
            onClick={() => void s.run()}
          >
            Import {rows(s.preview?.counts.valid ?? 0)}
          </button>
        )}
        {s.step === 'preview' && (
          <button type="button" onClick={() => useImportWizard.setState({ step: 'choose', preview: null })}>
            Choose another file
          </button>
        )}
        <button type="button" onClick={s.close} disabled={s.step === 'running'}>
          {s.step === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </>
  );
}
