/**
 * Twelve 30 MB CSV previews asked for at once (a seller clicking through files, or a script):
 * they run one at a time, each streamed row by row, so the core stays alive with its heap
 * under 1 GB — the twelve files themselves are 360 MB of it. (Parsed whole and all at once,
 * each took about 0.5 GB and the core died of heap exhaustion.) The queue says where each
 * waiting request stands.
 */
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import { coreForEachTest } from '../../support/core';
import { call } from './helpers';

const FILES = 12;
const ROWS = 92_000;

function bigCsv(): string {
  const lines = ['SKU,Title,Description,Brand,Quantity,List price'];
  const words = 'vintage rare used excellent condition leather cotton original box tested working sealed'.split(' ');
  for (let i = 0; i < ROWS; i++) {
    const text = Array.from({ length: 30 }, (_, k) => words[(i + k) % words.length]).join(' ');
    lines.push(
      `SKU-${i},Item ${i} ${text.slice(0, 60)},"${text}, ships fast",Brand ${i % 50},${1 + (i % 5)},${(5 + (i % 900)).toFixed(2)}`,
    );
  }
  return lines.join('\n');
}

describe('many big CSV previews at once', () => {
  const h = coreForEachTest();

  it('run one at a time, keep the core alive and its heap under 1 GB, and say who waits', async () => {
    const base = bigCsv();
    // Twelve distinct files (as twelve messages on the wire would be), not one string shared.
    const files = Array.from({ length: FILES }, (_, k) => base.replaceAll('SKU-', `F${k}-`));
    expect(files[0]!.length).toBeGreaterThan(30_000_000);
    const queue: EventPayload<'inventory.import.queue'>[] = [];
    h.core.events.on('inventory.import.queue', (q) => queue.push(q));
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
    try {
      const previews = await Promise.all(
        files.map((text, k) =>
          call(h.core, 'inventory.import.preview', { text, fileName: `file-${k}.csv`, requestId: `preview-${k}` }),
        ),
      );
      for (const preview of previews) {
        expect(preview.counts).toEqual({ rows: ROWS, valid: ROWS, invalid: 0, newSkus: ROWS, existingSkus: 0 });
        expect(preview.rows).toHaveLength(20);
      }
    } finally {
      clearInterval(sample);
    }
    expect(peak).toBeLessThan(1024 ** 3);
    // All twelve were asked for before the first finished: while it ran, eleven waited in line.
    const first = queue.find((q) => q.running?.label === 'Preview of file-0.csv')!;
    expect(first.waiting.map((w) => [w.id, w.ahead])).toEqual(
      Array.from({ length: FILES - 1 }, (_, i) => [`preview-${i + 1}`, i + 1]),
    );
    console.log(`heap with the files ${Math.round(before / 1024 ** 2)} MB, peak ${Math.round(peak / 1024 ** 2)} MB`);
    expect(queue.at(-1)).toEqual({ running: null, waiting: [] });
  }, 300_000);
});
