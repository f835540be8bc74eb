/**
 * CSV import: preview (what the file holds and what would happen) and run (write it through
 * the inventory service's upsert-by-SKU, in chunks, with progress events). Both are
 * stateless: the renderer sends the file text each time, with the mapping the seller kept.
 * A run is a journal operation (import-operation.ts): a crash mid-import is finished on restart.
 */
import { ulid } from 'ulid';
import type { ColumnMapping, ImportFormat, ImportResult, RowIssue } from '@shared/api/inventory-io';
import type { ItemFields } from '@shared/domain/inventory';
import { AppError } from '../../errors';
import type { EventBus } from '../../events';
import type { Journal } from '../../journal/journal';
import { chunks, writeChunk } from '../bulk';
import { newOperationUlid, type ItemDoc } from '../docs';
import type { InventoryService } from '../service';
import { autoMapping, detectFormat } from './formats';
import { parseCsv, type ParsedCsv } from './parse';
import { importKind, IMPORT, type ImportInputs, type StepResult } from './import-operation';
import { checkRows, type ImportRow } from './rows';

const PREVIEW_ROWS = 20;
/** Issues listed per answer; the counts say how many there were in all. */
export const MAX_ISSUES = 1000;

interface FileInput {
  text: string;
  fileName: string;
  mapping?: ColumnMapping[];
}

interface Prepared {
  format: ImportFormat;
  csv: ParsedCsv;
  mapping: ColumnMapping[];
}

function prepare({ text, mapping }: FileInput): Prepared {
  const csv = parseCsv(text);
  const format = detectFormat(csv.headers);
  const chosen = mapping ?? autoMapping(csv.headers, format);
  for (const column of chosen) {
    if (column.index >= csv.headers.length) {
      throw new AppError(
        'BAD_REQUEST',
        `The mapping names column ${column.index + 1} ("${column.header}") but the file has ${csv.headers.length} columns.`,
        'Preview the file again to get a fresh mapping.',
      );
    }
  }
  const targets = chosen.flatMap((c) => (c.target ? [c.target.toLowerCase()] : []));
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) throw new AppError('BAD_REQUEST', `Two columns are mapped to ${twice}; map each field once.`);
  return { format, csv, mapping: chosen };
}

const cap = (issues: RowIssue[]) => issues.slice(0, MAX_ISSUES);

export async function previewImport(service: InventoryService, input: FileInput) {
  const { format, csv, mapping } = prepare(input);
  const checked = await checkRows(csv.rows, mapping, format, (sku) => service.index.idsBySku(sku)[0]);
  const existing = checked.valid.filter((r) => r.existingId).length;
  return {
    format,
    headerRow: csv.headerRow,
    mapping,
    unmapped: mapping.filter((m) => !m.target).map((m) => m.header),
    rows: checked.valid.slice(0, PREVIEW_ROWS).map((r) => ({
      row: r.row,
      action: r.existingId ? ('update' as const) : ('create' as const),
      fields: r.fields,
      quantity: r.quantity,
    })),
    errors: cap(checked.errors),
    warnings: cap(checked.warnings),
    counts: {
      rows: csv.rows.length,
      valid: checked.valid.length,
      invalid: csv.rows.length - checked.valid.length,
      newSkus: checked.valid.length - existing,
      existingSkus: existing,
    },
  };
}

export async function runImport(
  service: InventoryService,
  events: EventBus,
  journal: Journal,
  input: FileInput & { allOrNothing: boolean; importId?: string },
): Promise<ImportResult> {
  const importId = input.importId ?? ulid();
  const { format, csv, mapping } = prepare(input);
  const total = csv.rows.length;
  events.emit('inventory.import.progress', { importId, done: 0, total });
  const checked = await checkRows(csv.rows, mapping, format, (sku) => service.index.idsBySku(sku)[0]);
  const errors = [...checked.errors];
  if (input.allOrNothing && errors.length > 0) {
    events.emit('inventory.import.progress', { importId, done: total, total });
    const result = { importId, created: 0, updated: 0, skipped: 0, errorCount: 0, errors, warnings: checked.warnings };
    return finish(result, total);
  }
  const steps = chunks(checked.valid);
  // The same importId again (a retry) answers the first run's result and writes nothing.
  return journal.run<ImportInputs, ImportRow[], StepResult, ImportResult>(IMPORT, {
    key: importId,
    inputs: {
      importId,
      fileName: input.fileName,
      total,
      invalid: total - checked.valid.length,
      stepRows: writeChunk.size,
      errors: cap(errors),
      errorTotal: errors.length,
      warnings: cap(checked.warnings),
      uid: newOperationUlid(),
    },
    steps,
    // A new item's fields are parsed again on resume rather than stored twice.
    stored: (rows) => rows.map(({ checked: _checked, ...row }) => row),
  });
}

function finish(result: ImportResult, total: number): ImportResult {
  result.errors.sort((a, b) => a.row - b.row);
  result.errorCount = result.errors.length;
  result.skipped = total - result.created - result.updated;
  result.errors = cap(result.errors);
  result.warnings = cap(result.warnings);
  return result;
}

/** Registers the import with the journal (it resumes imports a crash cut short). */
export function registerImport(journal: Journal, service: InventoryService, events: EventBus): void {
  journal.register(importKind(service, events, (rows) => withMergedSpecifics(service, rows), cap));
}

/**
 * Item specifics in a file add to or replace the item's specifics of the same name; other
 * specifics the item already has are kept (a file never silently drops what was saved).
 */
async function withMergedSpecifics(service: InventoryService, rows: ImportRow[]): Promise<ImportRow[]> {
  const ids = rows.flatMap((r) => (r.existingId && r.fields.specifics ? [r.existingId] : []));
  const docs = new Map<string, ItemDoc>();
  if (ids.length > 0) {
    const res = await service.db.allDocs<ItemDoc>({ keys: ids, include_docs: true });
    for (const r of res.rows) if ('doc' in r && r.doc) docs.set(r.id, r.doc);
  }
  return rows.map((row) => {
    const { fields, existingId } = row;
    const doc = existingId ? docs.get(existingId) : undefined;
    if (!doc || !fields.specifics) return row;
    const merged: ItemFields['specifics'] = doc.fields.specifics.map((s) => {
      const update = fields.specifics!.find((f) => f.name.toLowerCase() === s.name.toLowerCase());
      return update ?? s;
    });
    for (const s of fields.specifics) {
      if (!merged.some((m) => m.name.toLowerCase() === s.name.toLowerCase())) merged.push(s);
    }
    return { ...row, fields: { ...fields, specifics: merged } };
  });
}
