/**
 * CSV import: preview (what the file holds and what would happen) and run (write it through
 * the inventory service's upsert-by-SKU, in chunks, with progress events). Both stream the
 * file row by row and keep no rows beyond what they show or are writing.
 */
import { ulid } from 'ulid';
import type { ColumnMapping, ImportFormat, ImportResult, RowIssue } from '@shared/api/inventory-io';
import type { ItemFields } from '@shared/domain/inventory';
import { AppError } from '../../errors';
import type { EventBus } from '../../events';
import { bulkUpsertBySku, type UpsertRow } from '../bulk';
import type { OperationDoc } from '../../journal/journal';
import type { ItemDoc } from '../docs';
import type { InventoryService } from '../service';
import { autoMapping, detectFormat } from './formats';
import { streamCsv } from './parse';
import { RowChecker, type ImportRow, type IssueSink } from './rows';
import { readMany } from '../../db/read-many';

/** Rows per write: big enough to keep PouchDB busy, small enough for smooth progress. */
const RUN_CHUNK = 5000;
const PREVIEW_ROWS = 20;
/** Issues listed per answer; the counts say how many there were in all. */
export const MAX_ISSUES = 1000;

interface FileInput {
  text: string;
  fileName: string;
  mapping?: ColumnMapping[];
}

function checkMapping(headers: string[], chosen: ColumnMapping[]): void {
  for (const column of chosen) {
    if (column.index >= headers.length) {
      throw new AppError(
        'BAD_REQUEST',
        `The mapping names column ${column.index + 1} ("${column.header}") but the file has ${headers.length} columns.`,
        'Preview the file again to get a fresh mapping.',
      );
    }
  }
  const targets = chosen.flatMap((c) => (c.target ? [c.target.toLowerCase()] : []));
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) throw new AppError('BAD_REQUEST', `Two columns are mapped to ${twice}; map each field once.`);
}

/**
 * What a file holds and what importing it would do. Streamed: rows are checked as they are
 * read and only what the preview shows is kept (the first rows, the first issues, counts).
 */
export async function previewImport(service: InventoryService, input: FileInput) {
  let format: ImportFormat = 'generic';
  let headerRow = 1;
  let mapping: ColumnMapping[] = [];
  let checker: RowChecker | null = null;
  const issues = issueList();
  const rows: ImportRow[] = [];
  const counts = { rows: 0, valid: 0, invalid: 0, newSkus: 0, existingSkus: 0 };
  await streamCsv(
    input.text,
    (headers, row) => {
      headerRow = row;
      ({ format, mapping, checker } = checkerFor(service, headers, input.mapping));
    },
    (row) => {
      counts.rows++;
      const valid = checker!.check(row, issues.sink);
      if (!valid) return;
      counts.valid++;
      counts[valid.existingId ? 'existingSkus' : 'newSkus']++;
      if (rows.length < PREVIEW_ROWS) rows.push(valid);
    },
  );
  counts.invalid = counts.rows - counts.valid;
  return {
    format,
    headerRow,
    mapping,
    unmapped: mapping.filter((m) => !m.target).map((m) => m.header),
    rows: rows.map((r) => ({
      row: r.row,
      action: r.existingId ? ('update' as const) : ('create' as const),
      fields: r.fields,
      quantity: r.quantity,
    })),
    ...issues.lists,
    counts,
  };
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Runs an import. The file and the mapping go into the operations journal before the first
 * write, and every item and movement written names the operation; a kill mid-way is finished
 * at the next start (`resumeImport`), counting rows as this run would have.
 */
export async function runImport(
  service: InventoryService,
  events: EventBus,
  input: FileInput & { allOrNothing: boolean; importId?: string },
): Promise<ImportResult> {
  const importId = input.importId ?? ulid();
  const operation = ULID.test(importId) ? importId : ulid();
  const journal = service.journal;
  const known = journal ? await journal.get(operation) : null;
  if (known?.state === 'done') return { importId, ...counts(known.result as ImportResult), errors: [], warnings: [] };
  let recorded = false;
  const record = async (rows: number) => {
    if (!journal || known) return;
    const { fileName, mapping, allOrNothing } = input;
    const title = `Import of ${fileName} (${rows.toLocaleString('en-US')} rows)`;
    const saved = { fileName, mapping: mapping ?? null, allOrNothing, importId };
    await journal.begin(operation, 'import', title, saved, [], input.text);
    recorded = true;
  };
  const result = await importRows(service, events, input, importId, record, journal ? operation : null);
  if (recorded) await journal!.finish(operation, counts(result), false);
  return result;
}

/** Finishes an import a kill interrupted, from the file and mapping its journal entry kept. */
export async function resumeImport(service: InventoryService, events: EventBus, header: OperationDoc) {
  const journal = service.journal!;
  const id = header._id.slice('op:'.length);
  const saved = header.input as { fileName: string; mapping: ColumnMapping[] | null; importId: string };
  const text = await journal.file(id);
  const input = { text, fileName: saved.fileName, mapping: saved.mapping ?? undefined, allOrNothing: false };
  const result = await importRows(service, events, input, saved.importId, async () => undefined, id);
  await journal.finish(id, counts(result), true);
  return result;
}

/**
 * Two streamed passes over the file, so an import at the contract's 100M characters never
 * holds its rows in memory (a 600k-row import peaked at 2.4 GB of heap when it did): the
 * first counts the rows (the journal and the progress name the count) and, for an
 * all-or-nothing import, checks every row (its errors decide whether anything is written);
 * the second checks each row as it is read and writes the valid ones in chunks, reading on
 * only when a chunk is written.
 */
async function importRows(
  service: InventoryService,
  events: EventBus,
  input: FileInput & { allOrNothing: boolean },
  importId: string,
  record: (rows: number) => Promise<void>,
  operation: string | null,
): Promise<ImportResult> {
  const checked = issueList();
  // Without all-or-nothing, the first pass only counts: what it would find, the second finds again.
  const total = await checkFile(service, input, input.allOrNothing ? checked.sink : null);
  events.emit('inventory.import.progress', { importId, done: 0, total });
  if (input.allOrNothing && checked.count() > 0) {
    events.emit('inventory.import.progress', { importId, done: total, total });
    return finish({ importId, created: 0, updated: 0, ...checked.lists }, total, checked.count());
  }
  await record(total);
  // What the writing pass finds is reported (an item saved between the passes may change a row's fate).
  const found = issueList();
  const result = { importId, created: 0, updated: 0, ...found.lists };
  let checker: RowChecker | null = null;
  let chunk: ImportRow[] = [];
  let done = 0;
  const write = async () => {
    const part = chunk;
    chunk = [];
    if (part.length > 0) {
      const rows = await withMergedSpecifics(service, part);
      const written = await bulkUpsertBySku(service, rows, operation);
      result.created += written.created.length;
      result.updated += written.updated.length;
      for (const f of written.failed) found.sink.error({ row: part[f.index]!.row, reason: f.message });
    }
    events.emit('inventory.import.progress', { importId, done, total });
  };
  await streamCsv(
    input.text,
    (headers, _row) => (checker = checkerFor(service, headers, input.mapping).checker),
    (row) => {
      done++;
      const valid = checker!.check(row, found.sink);
      if (valid) chunk.push(valid);
      if (chunk.length === RUN_CHUNK) return write();
    },
  );
  await write();
  return finish(result, total, found.count());
}

/** Issues as a result lists them: the first MAX_ISSUES of each kind, and how many errors in all. */
function issueList() {
  const lists = { errors: [] as RowIssue[], warnings: [] as RowIssue[] };
  let errors = 0;
  const sink: IssueSink = {
    error: (issue) => void (errors++, lists.errors.length < MAX_ISSUES && lists.errors.push(issue)),
    warning: (issue) => void (lists.warnings.length < MAX_ISSUES && lists.warnings.push(issue)),
  };
  return { lists, sink, count: () => errors };
}

/** The first pass: how many rows there are, and (given a sink) every row checked, issues to it. */
async function checkFile(service: InventoryService, input: FileInput, sink: IssueSink | null): Promise<number> {
  let checker: RowChecker | null = null;
  let rows = 0;
  await streamCsv(
    input.text,
    (headers) => (checker = checkerFor(service, headers, input.mapping).checker),
    (row) => {
      rows++;
      if (sink) checker!.check(row, sink);
    },
  );
  return rows;
}

/** The mapping (the seller's, or the one the detected format suggests), checked, and a row checker for it. */
function checkerFor(service: InventoryService, headers: string[], chosen: ColumnMapping[] | undefined) {
  const format = detectFormat(headers);
  const mapping = chosen ?? autoMapping(headers, format);
  checkMapping(headers, mapping);
  const checker = new RowChecker(mapping, format, (sku) => service.index.idsBySku(sku)[0], skuOfEbayItem(service));
  return { format, mapping, checker };
}

const counts = (r: ImportResult) => ({
  created: r.created,
  updated: r.updated,
  skipped: r.skipped,
  errorCount: r.errorCount,
});

function finish(result: Omit<ImportResult, 'skipped' | 'errorCount'>, total: number, errorCount: number): ImportResult {
  result.errors.sort((a, b) => a.row - b.row);
  return { ...result, errorCount, skipped: total - result.created - result.updated };
}

/**
 * Item specifics in a file add to or replace the item's specifics of the same name; other
 * specifics the item already has are kept (a file never silently drops what was saved).
 */
async function withMergedSpecifics(service: InventoryService, rows: ImportRow[]): Promise<UpsertRow[]> {
  const ids = rows.flatMap((r) => (r.existingId && r.fields.specifics ? [r.existingId] : []));
  const docs = new Map<string, ItemDoc>();
  if (ids.length > 0) {
    for (const { id, doc } of await readMany<ItemDoc>(service.db, ids)) if (doc) docs.set(id, doc);
  }
  return rows.map(({ fields, quantity, existingId, checked }) => {
    const doc = existingId ? docs.get(existingId) : undefined;
    if (!doc || !fields.specifics) return { fields, quantity, checked };
    const merged: ItemFields['specifics'] = doc.fields.specifics.map((s) => {
      const update = fields.specifics!.find((f) => f.name.toLowerCase() === s.name.toLowerCase());
      return update ?? s;
    });
    for (const s of fields.specifics) {
      if (!merged.some((m) => m.name.toLowerCase() === s.name.toLowerCase())) merged.push(s);
    }
    return { fields: { ...fields, specifics: merged }, quantity };
  });
}

function skuOfEbayItem(service: InventoryService) {
  return (itemNumber: string) => {
    const id = service.index.idsByEbayItemId(itemNumber)[0];
    return id ? service.index.get(id)?.sku : undefined;
  };
}
