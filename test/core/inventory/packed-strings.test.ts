/**
 * The index snapshot's string columns: an exact round trip (Latin-1 and wider text, lone
 * surrogates included), decoded only when first read, and a blob whose size disagrees with its
 * offsets refused when the snapshot loads, not later when a query first reads the column.
 */
import { describe, expect, it } from 'vitest';
import { packStrings, stringAt, unpackStrings } from '../../../src/main/core/inventory/index/bundle';

describe('packed strings', () => {
  it('round-trip exactly, narrow and wide', () => {
    for (const values of [
      ['SKU-1', 'café crème', '', 'x'],
      ['LEGO® 🧱 set', '\ud800 lone', '日本', ''],
    ]) {
      const { blob, offsets, wide } = packStrings(values);
      const packed = unpackStrings(blob, offsets, wide);
      expect(values.map((_, i) => stringAt(packed, i))).toEqual(values);
    }
  });

  it('refuses a blob that does not add up when loaded, before anything reads it', () => {
    const { blob, offsets, wide } = packStrings(['abc', 'def']);
    expect(() => unpackStrings(blob.subarray(0, 5), offsets, wide)).toThrow(/do not add up/);
    const wideOnes = packStrings(['ü', '🧱']);
    expect(wideOnes.wide).toBe(true);
    expect(() => unpackStrings(wideOnes.blob.subarray(0, 3), wideOnes.offsets, true)).toThrow(/do not add up/);
  });
});
