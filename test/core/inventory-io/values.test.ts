import { describe, expect, it } from 'vitest';
import { autoMapping, detectFormat, normalizeHeader } from '../../../src/main/core/inventory/csv/formats';
import { streamCsv, type CsvRow } from '../../../src/main/core/inventory/csv/parse';
import { readDate, readMoney, readQuantity, readTags, readText } from '../../../src/main/core/inventory/csv/values';

describe('CSV cells and headers', () => {
  it('reads prices as sellers write them', () => {
    const cases: [string, number][] = [
      ['$1,299.00', 1299],
      ['US $12.50', 12.5],
      ['C $7', 7],
      ['£8.99', 8.99],
      ['12,50 €', 12.5],
      ['EUR 1.299,00', 1299],
      ['1299.999', 1300],
      ['  45 ', 45],
      ['12.50 USD', 12.5],
    ];
    for (const [cell, value] of cases) expect(readMoney(cell, 'Price'), cell).toBe(value);
    expect(() => readMoney('twelve', 'Price')).toThrow('Price "twelve" is not an amount; use a number such as 12.50.');
    expect(readMoney('12,5', 'Cost')).toBe(12.5);
    expect(readMoney('1,299', 'Cost')).toBe(1299);
    expect(readMoney('1 299,00', 'Cost')).toBe(1299);
    expect(readMoney(',5', 'Cost')).toBe(0.5);
    for (const garbage of ['1,2345', '12.5,3', '1,2,3', '1e3', '0x10']) {
      expect(() => readMoney(garbage, 'Cost'), garbage).toThrow(/is not an amount/);
    }
    expect(() => readMoney('-5', 'Cost')).toThrow('Cost "-5" is negative.');
  });

  it('reads dates in ISO, eBay report and US forms, and refuses impossible ones', () => {
    expect(readDate('2026-11-25', 'Sold')).toBe('2026-11-25');
    expect(readDate('2026-11-25T23:10:00.000Z', 'Sold')).toBe('2026-11-25');
    expect(readDate('Mar-15-24 10:00:00 PDT', 'Start date')).toBe('2024-03-15');
    expect(readDate('Nov-20-2026', 'Start date')).toBe('2026-11-20');
    expect(readDate('3/5/2024', 'Acquired')).toBe('2024-03-05');
    expect(() => readDate('2026-02-30', 'Acquired')).toThrow(/Acquired "2026-02-30" is not a date/);
    expect(() => readDate('soon', 'Acquired')).toThrow(/use a date like 2026-11-25/);
  });

  it('reads quantities, tags and escaped text', () => {
    expect(readQuantity('1,200')).toBe(1200);
    expect(() => readQuantity('1.5')).toThrow('Quantity "1.5" is not a whole number.');
    // Stock may be below zero (oversold); older exports wrote it as '-1.
    expect(readQuantity('-1')).toBe(-1);
    expect(readQuantity("'-3")).toBe(-3);
    expect(() => readQuantity('2,000,000')).toThrow('Quantity "2,000,000" is beyond 1,000,000.');
    expect(() => readQuantity(`1${' '.repeat(50)}1`)).toThrow(/is not a whole number/);
    expect(() => readMoney(`1${' '.repeat(50)}1`, 'Cost')).toThrow(/is not an amount/);
    expect(readTags(' size 10, wide ; estate sale;;Estate Sale ')).toEqual(['size 10, wide', 'estate sale']);
    expect(readTags("'-20% sale; blue")).toEqual(['-20% sale', 'blue']);
    expect(readText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(readText("'quoted'")).toBe("'quoted'");
  });

  it('normalizes headers the way eBay spells them differently', () => {
    expect(normalizeHeader('*Action(SiteID=US|Country=US|Currency=USD|Version=1193)')).toBe('action');
    expect(normalizeHeader('Custom label (SKU)')).toBe('customlabel');
    expect(normalizeHeader(' Quantity Available ')).toBe('quantityavailable');
    expect(normalizeHeader('Price (USD) total')).toBe('priceusdtotal');
    expect(normalizeHeader('(((((')).toBe('');
    expect(detectFormat(['SKU', 'Title', 'List price'])).toBe('generic');
    expect(detectFormat(['Item number', 'Title', 'Custom label (SKU)', 'Available quantity'])).toBe(
      'ebay-active-listings',
    );
    expect(autoMapping(['Item number', 'Title', 'Custom label (SKU)'], 'ebay-active-listings')).toEqual([
      { index: 0, header: 'Item number', target: 'ebayItemId' },
      { index: 1, header: 'Title', target: 'title' },
      { index: 2, header: 'Custom label (SKU)', target: 'sku' },
    ]);
  });

  it('finds the header under an Info row and numbers rows as a spreadsheet does', async () => {
    const csv = { headers: [] as string[], headerRow: 0, rows: [] as CsvRow[] };
    await streamCsv(
      '\ufeffInfo,Version=1.0\r\nSKU,Title,Description\r\nA,Lamp,"two\r\nlines"\r\n\r\nB,Mug,\r\n,,\r\n',
      (headers, headerRow) => Object.assign(csv, { headers, headerRow }),
      (row) => void csv.rows.push(row),
    );
    expect(csv.headerRow).toBe(2);
    expect(csv.headers).toEqual(['SKU', 'Title', 'Description']);
    expect(csv.rows).toEqual([
      { row: 3, cells: ['A', 'Lamp', 'two\r\nlines'] },
      { row: 5, cells: ['B', 'Mug', ''] },
    ]);
  });
});
