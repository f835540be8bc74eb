import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seed, inventoryForEachTest } from './support/inventory';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/csv');
const csvFile = async (name: string) =>
  new File([await readFile(path.join(FIXTURES, name), 'utf8')], name, { type: 'text/csv' });

describe('Import wizard and export on a real core', () => {
  const h = inventoryForEachTest();
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('previews a CSV with bad rows, imports the good ones with progress, and lists each error by row', async () => {
    const progress: unknown[] = [];
    h.core.events.onAny((name, payload) => name === 'inventory.import.progress' && progress.push(payload));
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Import a CSV' }));
    const dialog = screen.getByRole('dialog', { name: 'Import items from a CSV file' });
    await user.upload(within(dialog).getByLabelText(/CSV file/), await csvFile('generic-malformed.csv'));

    const format = await within(dialog).findByTestId('import-format');
    expect(format.textContent).toMatch(/Generic CSV/);
    expect(format.textContent).toMatch(/10 rows: 3 valid, 7 with errors/);
    expect(within(dialog).getByLabelText('Import column SKU into')).toHaveProperty('value', 'sku');
    const before = within(dialog).getByRole('region', { name: 'Rows that will not import' });
    expect(before.textContent).toMatch(/Row 3: .*price/i);

    await user.click(within(dialog).getByRole('button', { name: 'Import 3 rows' }));
    const result = await within(dialog).findByTestId('import-result');
    expect(result.textContent).toMatch(/3 created, 0 updated/);
    const errors = within(result).getByRole('region', { name: 'Rows with errors' });
    for (const row of [3, 5, 6, 7, 8, 9, 10]) expect(errors.textContent).toContain(`Row ${row}:`);
    expect(progress.length).toBeGreaterThan(0);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('3 items'));
    for (const sku of ['OK-1', 'OK-2', 'OK-3']) expect(screen.getByLabelText(`Select ${sku}`)).toBeTruthy();
  });

  it('says a preview waits its turn while another import runs, then shows it', async () => {
    // Hold inventory writes: an import started elsewhere stays running, occupying the line.
    let release: () => void = () => undefined;
    const held = h.core.inventory.serial(() => new Promise<void>((resolve) => (release = resolve)));
    const other = h.call('inventory.import.run', { text: 'SKU,Title\nHELD-1,Held\n', fileName: 'held.csv' });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Import a CSV' }));
    const dialog = screen.getByRole('dialog', { name: 'Import items from a CSV file' });
    await user.upload(within(dialog).getByLabelText(/CSV file/), await csvFile('generic-malformed.csv'));

    const waiting = await within(dialog).findByTestId('import-waiting');
    expect(waiting.textContent).toMatch(/busy with Import of held\.csv\. Yours is next\./);
    release();
    await held;
    await other;
    const format = await within(dialog).findByTestId('import-format');
    expect(format.textContent).toMatch(/10 rows: 3 valid, 7 with errors/);
    expect(within(dialog).queryByTestId('import-waiting')).toBeNull();
  });

  it('sends a file larger than one message in parts, showing how far it got, then previews it', async () => {
    const parts: number[] = [];
    const dispatch = h.core.dispatch;
    vi.spyOn(h.core, 'dispatch').mockImplementation((route, input, ctx) => {
      if (route === 'inventory.import.upload') parts.push((input as { text: string }).text.length);
      return dispatch(route, input, ctx);
    });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Import a CSV' }));
    const dialog = screen.getByRole('dialog', { name: 'Import items from a CSV file' });
    // Characters of two and three bytes, so some fall across the byte boundary between parts.
    const line = (i: number) => `BIG-${String(i).padStart(6, '0')},Große Kiste 日本 mit genug Text und Platz,1,9.99\n`;
    const rowCount = 200_000;
    const big = `SKU,Title,Quantity,List price\n${Array.from({ length: rowCount }, (_, i) => line(i)).join('')}`;
    const bytes = Buffer.byteLength(big);
    expect(bytes).toBeGreaterThan(12_000_000);
    // Read a part at a time: the whole file is never one string in the window.
    const whole = vi.spyOn(Blob.prototype, 'text');
    await user.upload(within(dialog).getByLabelText(/CSV file/), new File([big], 'big.csv', { type: 'text/csv' }));
    const sending = await within(dialog).findByTestId('import-sending');
    expect(sending.textContent).toMatch(/Sending big\.csv to FlipSync: \d+\.\d MB of 1\d\.\d MB/);
    const format = await within(dialog).findByTestId('import-format', {}, { timeout: 60_000 });
    expect(format.textContent).toMatch(/200,000 rows: 200,000 valid, 0 with errors/);
    expect(parts.length).toBe(Math.ceil(bytes / (4_000_000 - 8)));
    expect(parts.every((n) => n <= 4_000_000)).toBe(true);
    // Every character arrived whole: a split one would have become two replacement characters.
    expect(parts.reduce((a, b) => a + b, 0)).toBe(big.length);
    expect(whole).not.toHaveBeenCalled();
    expect(within(dialog).queryByTestId('import-sending')).toBeNull();
  });

  it('refuses a file over what one import takes before sending any of it, saying the limit', async () => {
    const calls: string[] = [];
    h.core.events.onAny((name) => calls.push(name));
    const spy = vi.spyOn(h.core, 'dispatch');
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Import a CSV' }));
    const dialog = screen.getByRole('dialog', { name: 'Import items from a CSV file' });
    const big = `SKU,Title\n${'x'.repeat(100_000_001)}`;
    await user.upload(within(dialog).getByLabelText(/CSV file/), new File([big], 'huge.csv', { type: 'text/csv' }));
    const alert = await within(dialog).findByText(/huge\.csv is 100\.0 MB; one import takes at most 100\.0 MB\./);
    expect(alert.textContent).toMatch(/Split the file/);
    expect(spy.mock.calls.map((c) => c[0])).not.toContain('inventory.import.upload');
    expect(calls).not.toContain('inventory.import.queue');
  });

  it('re-previews with a column the seller remapped', async () => {
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Import a CSV' }));
    const dialog = screen.getByRole('dialog', { name: 'Import items from a CSV file' });
    await user.upload(within(dialog).getByLabelText(/CSV file/), await csvFile('generic-malformed.csv'));
    const brand = await within(dialog).findByLabelText('Import column Brand into');
    // By what the seller reads, not the field's name.
    await user.selectOptions(brand, 'Location / bin');
    await waitFor(() =>
      expect(within(dialog).getByLabelText('Import column Brand into')).toHaveProperty('value', 'location'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import 3 rows' }));
    await within(dialog).findByTestId('import-result');
    const { items } = await h.call('inventory.list', {});
    expect(items.every((i) => i.location === 'Acme' && i.brand === '')).toBe(true);
  });

  it('exports the current filter as CSV through a file download', async () => {
    await seed(h, 4, (i) => ({ brand: i < 3 ? 'Levi' : 'Nike' }));
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const user = h.render();
    await user.type(await screen.findByLabelText('Search inventory'), 'levi');
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('3 items'));
    await user.click(screen.getByRole('button', { name: 'Export…' }));
    const menu = screen.getByRole('dialog', { name: 'Export items' });
    await user.click(within(menu).getByRole('button', { name: 'Download' }));

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]).toMatch(/\.csv$/);
    const text = await blobs[0]!.text();
    expect(text.trim().split(/\r?\n/)).toHaveLength(4); // header + 3 Levi items
    expect(text).not.toContain('Nike');
  });
});
