/**
 * How inventory is stored in PouchDB (see src/shared/domain/inventory.ts for the model).
 * Core modules read and write these shapes; only `toItem` turns them into what routes return.
 */
import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import type { FieldConflict, Item, ItemField, ItemFields, MovementKind } from '@shared/domain/inventory';

export interface ItemDoc {
  _id: string; // item:<ulid>
  _rev?: string;
  _conflicts?: string[];
  type: 'item';
  fields: ItemFields;
  /** When each field last changed (ISO instant): sync conflicts resolve field by field on these. */
  fieldTimes: Partial<Record<ItemField, string>>;
  /** Losing values of resolved sync conflicts, kept until the seller dismisses or picks one. */
  conflicts: FieldConflict[];
  createdAt: string;
  updatedAt: string;
  /**
   * The last edits made through core (newest last, at most EDIT_LOG_MAX): which fields each
   * revision generation changed. Names the fields behind a stale-rev conflict and feeds the
   * item history. Optional: documents written by older code or by sync merges may lack it.
   */
  edits?: ItemEdit[];
  /** The journaled operation (import, bulk edit) that wrote this revision; see journal/journal.ts. */
  op?: string;
}

export interface ItemEdit {
  /** The revision generation (the number before the dash in `_rev`) this edit produced. */
  gen: number;
  at: string;
  fields: ItemField[];
}
export const EDIT_LOG_MAX = 50;

export interface MovementDoc {
  _id: string; // move:<itemUlid>:<ulid>
  _rev?: string;
  type: 'move';
  itemId: string;
  kind: MovementKind;
  /** Units added (positive) or removed (negative). */
  delta: number;
  at: string;
  note: string;
  saleId: string | null;
  /** The journaled operation that recorded this movement, if one did. */
  op?: string;
}

export interface SaleDoc {
  _id: string; // sale:<ulid>
  _rev?: string;
  type: 'sale';
  itemId: string;
  quantity: number;
  /** Price per unit the buyer paid. */
  price: number;
  fees: number;
  /** Fees worked out from the order (eBay's fee shared by line total) until Finances reports them. */
  feesEstimated?: true;
  shippingCost: number;
  at: string;
  channel: string;
  /**
   * Money handed back without a return (a partial refund: "$2 off for a scuff"), in all. Set,
   * never added to, from what the marketplace reports, so reading it twice changes nothing.
   */
  refunded?: number;
}

export type InventoryDoc = ItemDoc | MovementDoc | SaleDoc;

/**
 * ulid's default randomness asks the OS for one byte per character and looks up its source
 * on every call: 16 crypto calls per id, seconds per 100k items imported. Same source, pooled.
 */
const pool = new Uint8Array(8192);
let poolAt = pool.length;
const pooledRandom = () => {
  if (poolAt >= pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  return pool[poolAt++]! / 256;
};
/**
 * Monotonic: ids made in the same millisecond (a whole import chunk) still sort in the order
 * they were made, so "newest first" and allDocs ranges keep the seller's order.
 */
const ulid = monotonicFactory(pooledRandom);

export const newItemId = () => `item:${ulid()}`;
export const itemUlid = (itemId: string) => itemId.slice('item:'.length);
export const newMovementId = (itemId: string) => `move:${itemUlid(itemId)}:${ulid()}`;
/** The key range holding every movement of one item, for allDocs({startkey, endkey}). */
export const movementRange = (itemId: string) => ({
  startkey: `move:${itemUlid(itemId)}:`,
  endkey: `move:${itemUlid(itemId)}:\uffff`,
});
export const newSaleId = () => `sale:${ulid()}`;

export function toItem(doc: ItemDoc & { _rev: string }, quantity: number): Item {
  return {
    ...doc.fields,
    id: doc._id,
    rev: doc._rev,
    quantity,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    conflicts: doc.conflicts,
  };
}
