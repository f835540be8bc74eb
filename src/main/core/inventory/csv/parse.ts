/**
 * Reads CSV text as sellers' files really come: a byte-order mark, CRLF, quoted fields with
 * commas and line breaks, blank trailing rows, and sometimes an "Info" row above the header.
 */
import Papa from 'papaparse';
import { AppError } from '../../errors';
import { normalizeHeader, knownHeaderCount } from './formats';

export interface CsvRow {
  /** The row number a spreadsheet shows (a multi-line cell is still one row). */
  row: number;
  cells: string[];
}

/** How far down the header may sit (below "Info" or title rows). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Reads CSV text row by row without holding the rows: `onHeader` gets the header once it is
 * found (within the first rows), `onRow` every row below it. Yields to
 * the event loop every `yieldEvery` rows. When `onRow` answers a promise (an import writing a
 * chunk), reading waits for it. A 30 MB file never sits in memory as 100k arrays of cells.
 */
export function streamCsv(
  text: string,
  onHeader: (headers: string[], headerRow: number) => void,
  onRow: (row: CsvRow) => void | Promise<void>,
  yieldEvery = 2000,
): Promise<void> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return new Promise((resolve, reject) => {
    const head: string[][] = [];
    let index = -1;
    let headerIndex = -2; // not found yet
    let failed = false;
    const fail = (error: unknown, parser?: Papa.Parser) => {
      failed = true;
      parser?.abort();
      reject(error);
    };
    /** Rows whose promise is not settled yet (only the header's buffered rows can be more than one). */
    let pending: Promise<void>[] = [];
    const emitRow = (i: number, cells: string[]) => {
      if (i <= headerIndex || cells.every((c) => c.trim() === '')) return;
      const waiting = onRow({ row: i + 1, cells });
      if (waiting) pending.push(waiting);
    };
    /** Pauses reading until the rows' writes are done; false when one failed (reading stops). */
    const settle = (parser: Papa.Parser, then: () => void) => {
      const all = Promise.all(pending);
      pending = [];
      parser.pause();
      all.then(then, (error: unknown) => fail(error, parser));
    };
    const settleHeader = () => {
      headerIndex = findHeader(head);
      if (headerIndex < 0) throw noHeader();
      onHeader(
        (head[headerIndex] ?? []).map((h) => h.trim()),
        headerIndex + 1,
      );
      head.forEach((cells, i) => emitRow(i, cells));
    };
    Papa.parse<string[]>(body, {
      skipEmptyLines: false,
      delimitersToGuess: [',', ';', '\t'],
      step: (result, parser) => {
        if (failed) return;
        index++;
        const quote = result.errors.find((e) => e.code === 'MissingQuotes');
        if (quote) return fail(badQuote(body, { ...quote, row: index }), parser);
        try {
          if (headerIndex === -2) {
            head.push(result.data);
            if (head.length === HEADER_SEARCH_ROWS) settleHeader();
          } else emitRow(index, result.data);
        } catch (error) {
          return fail(error, parser);
        }
        if (pending.length > 0) return settle(parser, () => parser.resume());
        if (index > 0 && index % yieldEvery === 0) {
          parser.pause();
          setImmediate(() => parser.resume());
        }
      },
      complete: () => {
        if (failed) return;
        try {
          if (headerIndex === -2) settleHeader();
        } catch (error) {
          return reject(error);
        }
        Promise.all(pending).then(() => resolve(), reject);
      },
    });
  });
}

function noHeader(): AppError {
  return new AppError(
    'BAD_REQUEST',
    'The file has no header row FlipSync can read.',
    'Save it as CSV (comma separated) with column names in the first row.',
  );
}

function badQuote(text: string, error: Papa.ParseError): AppError {
  const row = (error.row ?? 0) + 1;
  // The parser points just past the opening quote; show the cell from its quote on.
  const at = error.index ?? 0;
  const from = text[at - 1] === '"' ? at - 1 : at;
  const near = text.slice(from, from + 40).split(/\r?\n/)[0]!;
  return new AppError(
    'BAD_REQUEST',
    `Row ${row} has a cell that starts with a quote but does not end with one (near: ${near}). The rest of the file would be read as that one cell, so nothing was imported.`,
    'Fix that cell and import again: remove the quote, or put the whole cell in quotes and double each quote inside it, e.g. """Mint"" condition".',
  );
}

/** The first row that names at least two columns we know; else the first non-empty row that is not "Info". */
function findHeader(records: string[][]): number {
  let firstNonEmpty = -1;
  for (let i = 0; i < Math.min(records.length, HEADER_SEARCH_ROWS); i++) {
    const cells = records[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    if (normalizeHeader(cells[0] ?? '') === 'info') continue;
    if (firstNonEmpty < 0) firstNonEmpty = i;
    if (knownHeaderCount(cells) >= 2) return i;
  }
  return firstNonEmpty;
}
