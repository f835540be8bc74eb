/**
 * Full-text matching over the inventory at typing speed.
 *
 * We first used MiniSearch (its whole index, then its radix tree as the dictionary). At
 * 100k items on the bench machine its scored search took 12–140 ms per query, loading its
 * JSON 1.4–2.9 s, and walking the radix tree for a short prefix over 100k SKU terms tens of
 * milliseconds. The table sorts by column, not by relevance, so all it needs is "which items
 * contain every word (as a prefix)": a sorted term list answers a prefix with one binary
 * search, and sorted Int32Array postings per term are unioned into a mark per slot.
 */

/** How much of long free-text fields is searchable: bounds memory at 100k items. */
const MAX_FIELD_CHARS = 2000;
const MAX_QUERY_TOKENS = 8;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

export function tokenize(text: string): string[] {
  let normal = text.slice(0, MAX_FIELD_CHARS).toLowerCase();
  // Accents fold away ("café" finds "cafe"); plain ASCII, most text, skips the costly step.
  if (NON_ASCII.test(normal)) normal = normal.normalize('NFKD').replace(/\p{M}/gu, '');
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
  /** Term ids in sorted term order, so loading needs no sort. */
  sorted: Int32Array;
  /** Per slot: the number of terms, then their term ids. */
  slotTerms: Int32Array;
}

/** Above this many terms added since the last sort, a query re-sorts the term list first. */
const UNSORTED_MAX = 2000;

export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private termNames: string[] = [];
  private readonly postings: Postings[] = [];
  private readonly slotTerms: (Int32Array | undefined)[] = [];
  /** Term ids in term order, plus the ids added since that order was made. */
  private sorted: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private unsorted: number[] = [];

  /** Indexes one slot's text fields (replacing what the slot held before). */
  set(slot: number, fields: string[]): void {
    this.remove(slot);
    const unique = new Set<string>();
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
    if (this.unsorted.length > UNSORTED_MAX) this.resort();
    // counts[slot] === k means the slot matched the first k words.
    const counts = new Uint8Array(slotCount);
    tokens.forEach((token, k) => {
      const mark = (id: number) => {
        const list = this.postings[id]!;
        const arr = list.arr;
        for (let j = 0; j < list.len; j++) {
          const slot = arr[j]!;
          if (counts[slot] === k) counts[slot] = k + 1;
        }
      };
      for (let i = this.lowerBound(token); i < this.sorted.length; i++) {
        const id = this.sorted[i]!;
        if (!this.termNames[id]!.startsWith(token)) break;
        mark(id);
      }
      for (const id of this.unsorted) if (this.termNames[id]!.startsWith(token)) mark(id);
    });
    const want = tokens.length;
    for (let s = 0; s < slotCount; s++) counts[s] = counts[s] === want ? 1 : 0;
    return counts;
  }

  dump(slots: number[]): TextIndexDump {
    this.resort();
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
    return { terms: [...this.termNames], sorted: this.sorted.slice(), slotTerms: out };
  }

  /** Restores a dump into an empty index; dumped slot i becomes slot i. */
  load(dump: TextIndexDump): void {
    this.termNames = dump.terms;
    const data = dump.slotTerms;
    // Two passes: count each term's slots, then fill postings allocated at their exact size.
    const counts = new Int32Array(dump.terms.length);
    for (let at = 0; at < data.length;) {
      const n = data[at++]!;
      for (let j = 0; j < n; j++) counts[data[at + j]!]!++;
      at += n;
    }
    dump.terms.forEach((term, id) => {
      this.termIds.set(term, id);
      const list = new Postings();
      list.arr = new Int32Array(Math.max(4, counts[id]!));
      this.postings.push(list);
    });
    this.sorted = dump.sorted;
    let slot = 0;
    for (let at = 0; at < data.length; slot++) {
      const n = data[at++]!;
      const ids = data.subarray(at, at + n);
      at += n;
      // Slots rise as we go, so each posting list is filled in order.
      for (const id of ids) {
        const list = this.postings[id]!;
        list.arr[list.len++] = slot;
      }
      this.slotTerms[slot] = ids;
    }
  }

  private lowerBound(token: string): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.termNames[this.sorted[mid]!]! < token) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private resort(): void {
    if (this.unsorted.length === 0) return;
    const names = this.termNames;
    const ids = Int32Array.from(names.keys());
    ids.sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
    this.sorted = ids;
    this.unsorted = [];
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termNames.push(term);
      this.postings.push(new Postings());
      this.termIds.set(term, id);
      this.unsorted.push(id);
    }
    return id;
  }
}
