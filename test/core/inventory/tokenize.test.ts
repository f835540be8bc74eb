/**
 * Words as the search box sees them. Plain ASCII takes a char-code scan instead of the
 * Unicode regex, so the scan is held to the regex's answer; and re-indexing an item with the
 * same words (every edit does) must leave it findable by each of them.
 */
import { describe, expect, it } from 'vitest';
import { TextIndex, tokenize } from '../../../src/main/core/inventory/index/text-index';

/** The definition: lower case, accents folded, split on anything not a letter or digit. */
const byRegex = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);

describe('tokenize', () => {
  it('splits ASCII text exactly as the Unicode definition does', () => {
    let s = 11;
    const r = () => (s = (s * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(r() * 40) }, () => String.fromCharCode(32 + Math.floor(r() * 95)))
        .join('')
        .concat(r() < 0.2 ? '\n\tEND_9' : '');
      expect(tokenize(text), JSON.stringify(text)).toEqual(byRegex(text));
    }
    expect(tokenize("Levi's 501-XX, size_32 (NEW)")).toEqual(['levi', 's', '501', 'xx', 'size', '32', 'new']);
  });

  it('folds accents and keeps letters of other scripts', () => {
    expect(tokenize('Café CRÈME 日本 Ünïcode')).toEqual(['cafe', 'creme', '日本', 'unicode']);
  });
});

describe('text index', () => {
  it('lists a word once per item, and finds an item re-indexed with the same words', () => {
    const text = new TextIndex();
    text.set(0, ['blue blue jacket', 'Blue']);
    text.set(1, ['red jacket']);
    text.set(0, ['blue jacket', 'wool']);
    const hits = (q: string) => [...(text.match(q, 2) ?? [])].flatMap((m, slot) => (m ? [slot] : []));
    expect(hits('blue')).toEqual([0]);
    expect(hits('jacket')).toEqual([0, 1]);
    expect(hits('wool jack')).toEqual([0]);
    const dumped = TextIndex.load(text.dump([0, 1]), 2);
    dumped.set(1, ['red jacket red']);
    expect([...(dumped.match('red', 2) ?? [])]).toEqual([0, 1]);
    expect([...(dumped.match('jacket', 2) ?? [])]).toEqual([1, 1]);
  });
});
