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
import { grown, nextCapacity } from '../../typed-arrays';
import { need, type Bundle } from './bundle';
import { invert, Postings, type Csr } from './postings';

/** How much of long free-text fields is searchable: bounds memory at 100k items. */
const MAX_FIELD_CHARS = 2000;
const MAX_QUERY_TOKENS = 8;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Calls `each` with every word of the text: lower-cased, accents folded ("café" finds
 * "cafe"), split on anything that is not a letter or digit. Plain ASCII, most text, is
 * scanned by char code: at 100k items the regex split was most of an import's indexing.
 */
export function eachToken(text: string, each: (token: string) => void): void {
  let normal = text.slice(0, MAX_FIELD_CHARS).toLowerCase();
  if (NON_ASCII.test(normal)) {
    normal = normal.normalize('NFKD').replace(/\p{M}/gu, '');
    for (const token of normal.split(/[^\p{L}\p{N}]+/u)) if (token.length > 0) each(token);
    return;
  }
  let start = -1;
  for (let i = 0; i < normal.length; i++) {
    const c = normal.charCodeAt(i);
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      each(normal.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) each(normal.slice(start));
}

export function tokenize(text: string): string[] {
  const out: string[] = [];
  eachToken(text, (token) => out.push(token));
  return out;
}

/** Above this many terms added since the last sort, a query re-sorts the term list first. */
const UNSORTED_MAX = 2000;
const NONE = new Int32Array(0);

export class TextIndex {
  /** Built on the first write: a cold start that only reads needs no map of 100k terms. */
  private termIds: Map<string, number> | null = new Map();
  private termNames: string[] = [];
  /** Per term: its list once written to, else its part of `base`. */
  private readonly postings: (Postings | undefined)[] = [];
  /** Per slot: its term ids once written, else its part of `baseSlots`. */
  private readonly slotTerms: (Int32Array | undefined)[] = [];
  private base: Csr | null = null;
  private baseSlots: Csr | null = null;
  /** Term ids in term order, plus the ids added since that order was made. */
  private sorted: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private unsorted: number[] = [];
  /** Per term id: the stamp of the last `set` that listed it, so `set` lists each word once. */
  private seenBy = new Int32Array(0);
  private stamp = 0;

  /** Indexes one slot's text fields (replacing what the slot held before). */
  set(slot: number, fields: string[]): void {
    this.remove(slot);
    const ids: number[] = [];
    // A word seen twice in one item is listed once: each call stamps the terms it listed.
    if (this.stamp === 0x7fffffff) this.seenBy.fill((this.stamp = 0));
    const stamp = ++this.stamp;
    const add = (token: string) => {
      const id = this.termId(token);
      // Terms loaded from a snapshot have ids too, so the stamps grow here, not in termId.
      if (id >= this.seenBy.length) this.seenBy = grown(this.seenBy, nextCapacity(id + 1, this.seenBy.length));
      if (this.seenBy[id] === stamp) return;
      this.seenBy[id] = stamp;
      this.editable(id).add(slot);
      ids.push(id);
    };
    for (const field of fields) if (field) eachToken(field, add);
    this.slotTerms[slot] = Int32Array.from(ids);
  }

  remove(slot: number): void {
    const ids = this.termsOf(slot);
    for (const id of ids) this.editable(id).remove(slot);
    this.slotTerms[slot] = NONE;
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
        const list = this.postings[id];
        const arr = list ? list.arr : this.base!.data;
        const from = list ? 0 : this.base!.offsets[id]!;
        const to = list ? list.len : this.base!.offsets[id + 1]!;
        for (let j = from; j < to; j++) {
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

  /** The given slots' terms, in that order (dumped slot i becomes slot i). */
  dump(slots: readonly number[]): Bundle {
    this.resort();
    const offsets = new Uint32Array(slots.length + 1);
    slots.forEach((slot, i) => (offsets[i + 1] = offsets[i]! + this.termsOf(slot).length));
    const data = new Int32Array(offsets[slots.length]!);
    slots.forEach((slot, i) => data.set(this.termsOf(slot), offsets[i]));
    // Postings are stored too: inverting 5M entries at start costs more than reading them.
    const postings = invert({ offsets, data }, this.termNames.length);
    return {
      json: { terms: this.termNames },
      arrays: {
        sorted: this.sorted.slice(),
        slotOffsets: offsets,
        slotTerms: data,
        postOffsets: postings.offsets,
        postings: postings.data,
      },
    };
  }

  /** An index of the dumped slots 0..count-1. */
  static load(b: Bundle, count: number): TextIndex {
    const terms = b.json.terms;
    if (!Array.isArray(terms)) throw new Error('index snapshot: no terms');
    const text = new TextIndex();
    text.termNames = terms as string[];
    text.termIds = null;
    text.sorted = need(b, 'sorted', Int32Array, terms.length);
    const slots = { offsets: need(b, 'slotOffsets', Uint32Array, count + 1), data: need(b, 'slotTerms', Int32Array) };
    const postings = {
      offsets: need(b, 'postOffsets', Uint32Array, terms.length + 1),
      data: need(b, 'postings', Int32Array),
    };
    if (slots.offsets[count] !== slots.data.length || postings.offsets[terms.length] !== postings.data.length) {
      throw new Error('index snapshot: term lists do not add up');
    }
    text.baseSlots = slots;
    text.base = postings;
    return text;
  }

  private termsOf(slot: number): Int32Array {
    const own = this.slotTerms[slot];
    if (own) return own;
    const b = this.baseSlots;
    if (!b || slot + 1 >= b.offsets.length) return NONE;
    return b.data.subarray(b.offsets[slot], b.offsets[slot + 1]);
  }

  /** The term's list, copied out of the snapshot's on its first change. */
  private editable(id: number): Postings {
    let list = this.postings[id];
    if (!list) {
      const b = this.base;
      list = new Postings(
        b && id + 1 < b.offsets.length ? b.data.subarray(b.offsets[id], b.offsets[id + 1]) : undefined,
      );
      this.postings[id] = list;
    }
    return list;
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
    if (!this.termIds) this.termIds = new Map(this.termNames.map((name, id) => [name, id]));
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termNames.push(term);
      this.termIds.set(term, id);
      this.unsorted.push(id);
    }
    return id;
  }
}
