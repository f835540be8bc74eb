/**
 * Full-text matching over the inventory at typing speed.
 *
 * The term dictionary is MiniSearch's radix tree (`SearchableMap`), which gives prefix
 * lookups; postings are sorted Int32Arrays of index slots. We measured MiniSearch's own
 * scored search at 100k items on the bench machine: 12–140 ms per query and 1.4–2.9 s to
 * load its JSON, far from typing speed. The table needs "which items match every word" (it
 * sorts by column, not by relevance), so plain postings intersections are enough and run
 * in a millisecond or two.
 */
import SearchableMap from 'minisearch/SearchableMap';

/** How much of long free-text fields is searchable: bounds memory at 100k items. */
const MAX_FIELD_CHARS = 2000;
const MAX_QUERY_TOKENS = 8;

export function tokenize(text: string): string[] {
  const normal = text.slice(0, MAX_FIELD_CHARS).toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  return normal.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** A sorted, growable list of slots. */
class Postings {
  arr = new Int32Array(4);
  len = 0;

  add(slot: number): void {
    if (this.len === this.arr.length) {
      const grown = new Int32Array(this.arr.length * 2);
      grown.set(this.arr);
      this.arr = grown;
    }
    // Slots are mostly handed out in increasing order, so this is nearly always an append.
    let i = this.len;
    while (i > 0 && this.arr[i - 1]! > slot) i--;
    if (i > 0 && this.arr[i - 1] === slot) return;
    this.arr.copyWithin(i + 1, i, this.len);
    this.arr[i] = slot;
    this.len++;
  }

  remove(slot: number): void {
    let lo = 0;
    let hi = this.len - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = this.arr[mid]!;
      if (v === slot) {
        this.arr.copyWithin(mid, mid + 1, this.len);
        this.len--;
        return;
      }
      if (v < slot) lo = mid + 1;
      else hi = mid - 1;
    }
  }
}

export interface TextIndexDump {
  terms: string[];
  /** Per slot: the number of terms, then their term ids. */
  slotTerms: Int32Array;
}

export class TextIndex {
  private readonly dictionary = new SearchableMap<number>();
  private readonly termNames: string[] = [];
  private readonly postings: Postings[] = [];
  private readonly slotTerms: (Int32Array | undefined)[] = [];

  /** Indexes one slot's text fields (replacing what the slot held before). */
  set(slot: number, fields: string[], wholeTokens: string[] = []): void {
    this.remove(slot);
    const unique = new Set<string>(wholeTokens.map((t) => t.toLowerCase()).filter(Boolean));
    for (const field of fields) for (const token of tokenize(field)) unique.add(token);
    const ids = new Int32Array(unique.size);
    let i = 0;
    for (const token of unique) {
      const id = this.termId(token);
      this.postings[id]!.add(slot);
      ids[i++] = id;
    }
    this.slotTerms[slot] = ids;
  }

  remove(slot: number): void {
    const ids = this.slotTerms[slot];
    if (!ids) return;
    for (const id of ids) this.postings[id]!.remove(slot);
    this.slotTerms[slot] = undefined;
  }

  /**
   * Marks the slots that contain every word of the query (each word as a prefix, so results
   * follow the seller's typing). Returns null when the query has no words.
   */
  match(query: string, slotCount: number): Uint8Array | null {
    const tokens = [...new Set(tokenize(query))].slice(0, MAX_QUERY_TOKENS);
    if (tokens.length === 0) return null;
    // counts[slot] === k means the slot matched the first k words.
    const counts = new Uint8Array(slotCount);
    tokens.forEach((token, k) => {
      for (const id of this.dictionary.atPrefix(token).values()) {
        const list = this.postings[id]!;
        const arr = list.arr;
        for (let j = 0; j < list.len; j++) {
          const slot = arr[j]!;
          if (counts[slot] === k) counts[slot] = k + 1;
        }
      }
    });
    const want = tokens.length;
    for (let s = 0; s < slotCount; s++) counts[s] = counts[s] === want ? 1 : 0;
    return counts;
  }

  dump(slots: number[]): TextIndexDump {
    let size = 0;
    for (const slot of slots) size += 1 + (this.slotTerms[slot]?.length ?? 0);
    const out = new Int32Array(size);
    let at = 0;
    for (const slot of slots) {
      const ids = this.slotTerms[slot] ?? new Int32Array(0);
      out[at++] = ids.length;
      out.set(ids, at);
      at += ids.length;
    }
    return { terms: [...this.termNames], slotTerms: out };
  }

  /** Restores a dump into an empty index; dumped slot i becomes slot i. */
  load(dump: TextIndexDump): void {
    dump.terms.forEach((term) => this.termId(term));
    let at = 0;
    let slot = 0;
    while (at < dump.slotTerms.length) {
      const n = dump.slotTerms[at++]!;
      const ids = dump.slotTerms.slice(at, at + n);
      at += n;
      for (const id of ids) this.postings[id]!.add(slot);
      this.slotTerms[slot++] = ids;
    }
  }

  private termId(term: string): number {
    let id = this.dictionary.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termNames.push(term);
      this.postings.push(new Postings());
      this.dictionary.set(term, id);
    }
    return id;
  }
}
