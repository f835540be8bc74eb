import { IMPORT_FIELDS, type ColumnTarget } from '@shared/api';
import { useImportWizard } from '../../../stores/inventory-import';
import { IMPORT_FIELD_LABELS } from './field-labels';

/** Which item field each column of the file fills; changing one re-runs the preview. */
export function MappingTable() {
  const { mapping, preview, busy, setTarget } = useImportWizard();
  const firstRow = preview?.rows[0];
  return (
    <table className="mapping">
      <caption>Columns (detected automatically; change any that are wrong)</caption>
      <thead>
        <tr>
          <th scope="col">Column in the file</th>
          <th scope="col">Imports into</th>
        </tr>
      </thead>
      <tbody>
        {mapping.map((m) => {
          const specific = typeof m.target === 'string' && m.target.startsWith('specific:');
          return (
            <tr key={m.index}>
              <th scope="row">{m.header || `(column ${m.index + 1})`}</th>
              <td>
                <select
                  aria-label={`Import column ${m.header || m.index + 1} into`}
                  value={m.target ?? ''}
                  disabled={busy}
                  onChange={(e) => void setTarget(m.index, (e.target.value || null) as ColumnTarget)}
                >
                  <option value="">Ignore this column</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {IMPORT_FIELD_LABELS[f]}
                    </option>
                  ))}
                  <option value={specific ? m.target! : `specific:${m.header.slice(0, 65) || 'Specific'}`}>
                    Item specific: {specific ? m.target!.slice('specific:'.length) : m.header}
                  </option>
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
      {firstRow && (
        <tfoot>
          <tr>
            <td colSpan={2} className="muted">
              First row will {firstRow.action === 'create' ? 'create' : 'update'} SKU {firstRow.fields.sku ?? '?'}:{' '}
              {firstRow.fields.title ?? ''}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
