/** A sorted, growable list of slots: the items a term occurs in. */
export class Postings {
  arr: Int32Array;
  len: number;

  constructor(from?: Int32Array) {
    this.arr = from ? from.slice() : new Int32Array(4);
    this.len = from ? from.length : 0;
  }

  add(slot: number): void {
    if (this.len === this.arr.length) {
      const grown = new Int32Array(Math.max(4, this.arr.length * 2));
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

/** Lists of ints by number, stored end to end (compressed sparse rows): no object per list. */
export interface Csr {
  offsets: Uint32Array;
  data: Int32Array;
}

/** Turns per-slot term lists into per-term slot lists (slots ascending within each). */
export function invert(slotTerms: Csr, termCount: number): Csr {
  const { offsets: so, data: sd } = slotTerms;
  const offsets = new Uint32Array(termCount + 1);
  for (let i = 0; i < sd.length; i++) offsets[sd[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const fill = offsets.slice(0, termCount);
  const data = new Int32Array(sd.length);
  for (let slot = 0; slot + 1 < so.length; slot++) {
    for (let j = so[slot]!; j < so[slot + 1]!; j++) data[fill[sd[j]!]!++] = slot;
  }
  return { offsets, data };
}
