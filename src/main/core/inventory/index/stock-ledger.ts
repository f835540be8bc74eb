/**
 * Stock on hand as the index knows it: every movement's delta (so a movement applied twice
 * counts once), the sum per item, and the generation at which each deleted item died. After
 * a restart these stay packed in the snapshot until the first change needs them.
 */
import { need, packStrings, stringAt, unpackStrings, type Bundle, type PackedStrings } from './bundle';

/** move:<itemUlid>:<ulid> belongs to item:<itemUlid>. */
export const itemOfMove = (moveId: string) => `item:${moveId.split(':')[1]}`;

interface Packed {
  ids: PackedStrings;
  values: Float64Array;
}

export class StockLedger {
  private readonly moves = new Map<string, number>();
  private readonly stock = new Map<string, number>();
  private readonly tombstones = new Map<string, number>();
  private base: { moves: Packed; tombstones: Packed } | null = null;

  quantity(itemId: string): number {
    this.unpack();
    return this.stock.get(itemId) ?? 0;
  }

  hasMove(id: string): boolean {
    this.unpack();
    return this.moves.has(id);
  }

  /** Records a movement's delta (null: the movement was deleted); the item's stock before and after, or null if nothing changed. */
  move(id: string, delta: number | null): { itemId: string; before: number; after: number } | null {
    this.unpack();
    const known = this.moves.get(id);
    if (delta === null ? known === undefined : known === delta) return null;
    if (delta === null) this.moves.delete(id);
    else this.moves.set(id, delta);
    const itemId = itemOfMove(id);
    const before = this.stock.get(itemId) ?? 0;
    const after = before + (delta ?? 0) - (known ?? 0);
    this.stock.set(itemId, after);
    return { itemId, before, after };
  }

  /** The generation at which an item was deleted, 0 if it never was. */
  deletedAt(id: string): number {
    this.unpack();
    return this.tombstones.get(id) ?? 0;
  }

  markDeleted(id: string, generation: number): void {
    this.unpack();
    this.tombstones.set(id, generation);
  }

  /** Forgets a deletion that lost to a live revision. */
  revive(id: string): void {
    this.unpack();
    this.tombstones.delete(id);
  }

  dump(): Bundle {
    const pack = (m: Map<string, number>, name: string, b: Bundle) => {
      const packed = packStrings([...m.keys()]);
      b.arrays[`${name}.blob`] = packed.blob;
      b.arrays[`${name}.offsets`] = packed.offsets;
      b.arrays[`${name}.values`] = Float64Array.from(m.values());
      b.json[`${name}.wide`] = packed.wide;
    };
    this.unpack();
    const b: Bundle = { json: {}, arrays: {} };
    pack(this.moves, 'moves', b);
    pack(this.tombstones, 'tombstones', b);
    return b;
  }

  static load(b: Bundle): StockLedger {
    const read = (name: string): Packed => {
      const values = need(b, `${name}.values`, Float64Array);
      const ids = unpackStrings(
        need(b, `${name}.blob`, Uint8Array),
        need(b, `${name}.offsets`, Uint32Array, values.length + 1),
        b.json[`${name}.wide`] === true,
      );
      return { ids, values };
    };
    const ledger = new StockLedger();
    ledger.base = { moves: read('moves'), tombstones: read('tombstones') };
    return ledger;
  }

  private unpack(): void {
    if (!this.base) return;
    const { moves, tombstones } = this.base;
    this.base = null;
    for (let i = 0; i < moves.values.length; i++) {
      const id = stringAt(moves.ids, i);
      const delta = moves.values[i]!;
      this.moves.set(id, delta);
      const item = itemOfMove(id);
      this.stock.set(item, (this.stock.get(item) ?? 0) + delta);
    }
    for (let i = 0; i < tombstones.values.length; i++)
      this.tombstones.set(stringAt(tombstones.ids, i), tombstones.values[i]!);
  }
}
