/**
 * The inventory service: every write to the inventory database goes through here, one at a
 * time (so the SKU check and the write cannot interleave), and is applied to the in-memory
 * index at once so the seller reads their own writes.
 */
import { ItemFieldsSchema, EMPTY_ITEM, type Item, type ItemFields, type MovementKind } from '@shared/domain/inventory';
import type { ListQuery } from '@shared/api/inventory';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import {
  movementRange,
  newItemId,
  newMovementId,
  newSaleId,
  toItem,
  type ItemDoc,
  type MovementDoc,
  type SaleDoc,
} from './docs';
import { applyChanges, fieldLabel, notFound, skuTaken, staleRevError, today } from './fields';
import type { LiveIndex } from './index/live-index';
import type { ChangedDoc } from './index/memory-index';

type Saved<T> = T & { _rev: string };
export interface SaleInput {
  quantity: number;
  price: number;
  fees: number;
  shippingCost: number;
  date?: string;
  channel: string;
}
export interface StockWarning {
  code: 'OVERSOLD';
  message: string;
  quantity: number;
}

export class InventoryService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly db: Database,
    readonly live: LiveIndex,
  ) {}

  get index() {
    return this.live.index;
  }

  list(query: ListQuery) {
    return this.index.query(query);
  }

  /** Runs writes one after another; a failed write does not block the next. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async get(id: string): Promise<Item> {
    const doc = await this.readItem(id);
    return toItem(doc, await this.stockFromMovements(id));
  }

  create(input: Partial<ItemFields> & { sku: string; title: string; quantity?: number }): Promise<Item> {
    return this.serial(async () => {
      const { quantity = 0, ...fields } = input;
      const parsed = ItemFieldsSchema.safeParse({ ...EMPTY_ITEM, ...fields });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('BAD_REQUEST', `${fieldLabel(String(issue?.path[0] ?? 'item'))}: ${issue?.message}`);
      }
      this.assertSkuFree(parsed.data.sku, null);
      const at = new Date().toISOString();
      const doc = newItemDoc(parsed.data, at);
      const docs: (ItemDoc | MovementDoc)[] = [doc];
      if (quantity !== 0) docs.push(movement(doc._id, 'received', quantity, 'Initial quantity', at));
      await this.write(docs);
      return this.get(doc._id);
    });
  }

  update(id: string, rev: string, changes: Partial<ItemFields>, quantity?: number): Promise<Item> {
    return this.serial(async () => {
      const doc = await this.readItem(id);
      if (doc._rev !== rev) throw staleRevError(doc, rev);
      const at = new Date().toISOString();
      const { next, changed } = applyChanges(doc, changes, at);
      if (changed.includes('sku')) this.assertSkuFree(next.fields.sku, id);
      const docs: (ItemDoc | MovementDoc)[] = changed.length > 0 ? [next] : [];
      if (quantity !== undefined) {
        const diff = quantity - (await this.stockFromMovements(id));
        if (diff !== 0) docs.push(movement(id, 'adjusted', diff, `Quantity set to ${quantity}`, at));
      }
      if (docs.length > 0) await this.write(docs);
      return this.get(id);
    });
  }

  archive(id: string, rev: string): Promise<Item> {
    return this.update(id, rev, { status: 'archived' });
  }

  delete(id: string, rev: string): Promise<{ id: string; deleted: true }> {
    return this.serial(async () => {
      const doc = await this.readItem(id);
      if (doc._rev !== rev) throw staleRevError(doc, rev);
      const result = await this.db.remove(id, rev);
      this.live.applyLocal([{ _id: id, _rev: result.rev, _deleted: true }]);
      return { id, deleted: true as const };
    });
  }

  adjustStock(id: string, kind: Exclude<MovementKind, 'sold'>, delta: number, note: string) {
    return this.serial(async () => {
      await this.readItem(id);
      const move = movement(id, kind, delta, note, new Date().toISOString());
      await this.write([move]);
      return { quantity: this.index.quantity(id), movement: publicMovement(move) };
    });
  }

  /**
   * A sale is its own document plus a `sold` movement, so sales recorded on two devices
   * offline both survive sync. Stock may go below zero; the seller is warned, never blocked.
   */
  recordSale(id: string, input: SaleInput) {
    return this.serial(async () => {
      const at = new Date().toISOString();
      const sale: SaleDoc = {
        _id: newSaleId(),
        type: 'sale',
        itemId: id,
        quantity: input.quantity,
        price: input.price,
        fees: input.fees,
        shippingCost: input.shippingCost,
        at: input.date ? `${input.date}T12:00:00.000Z` : at,
        channel: input.channel,
      };
      const move = { ...movement(id, 'sold', -input.quantity, `Sale ${sale._id}`, at), saleId: sale._id };
      const doc = await this.readItem(id);
      const after = (await this.stockFromMovements(id)) - input.quantity;
      const changes: Partial<ItemFields> = {
        salePrice: input.price,
        fees: input.fees,
        shippingCost: input.shippingCost,
        soldAt: input.date ?? today(at),
      };
      if (after <= 0 && doc.fields.status !== 'archived') changes.status = 'sold';
      const { next, changed } = applyChanges(doc, changes, at);
      // The item first, so the index sees "sold" before the stock reaches zero.
      await this.write(changed.length > 0 ? [next, sale, move] : [sale, move]);
      const quantity = this.index.quantity(id);
      const warnings: StockWarning[] = [];
      if (quantity < 0) warnings.push(oversold(doc.fields.sku, quantity));
      return { sale: publicSale(sale), quantity, warnings };
    });
  }

  /** Writes documents and applies them to the index; any rejected document fails the call. */
  async write(docs: (ItemDoc | MovementDoc | SaleDoc)[]): Promise<void> {
    const results = await this.db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
    const saved: ChangedDoc[] = [];
    results.forEach((r, i) => {
      if ('ok' in r && r.ok) saved.push({ ...docs[i], _rev: r.rev } as unknown as ChangedDoc);
    });
    this.live.applyLocal(saved);
    const failed = results.find((r) => 'error' in r && r.error);
    if (failed) {
      const status = (failed as { status?: number }).status;
      if (status === 409) {
        throw new AppError('CONFLICT', 'The item changed while saving; nothing was overwritten.', 'Try again.');
      }
      throw new AppError('UNAVAILABLE', `The inventory database refused a write: ${(failed as Error).message}`);
    }
  }

  assertSkuFree(sku: string, self: string | null): void {
    if (this.index.idsBySku(sku).some((id) => id !== self)) throw skuTaken(sku);
  }

  async readItem(id: string): Promise<Saved<ItemDoc>> {
    try {
      const doc = await this.db.get<ItemDoc>(id);
      if (doc.type !== 'item') throw notFound(id);
      return doc as Saved<ItemDoc>;
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw notFound(id);
      throw error;
    }
  }

  async stockFromMovements(id: string): Promise<number> {
    const moves = await this.db.allDocs<MovementDoc>({ ...movementRange(id), include_docs: true });
    return moves.rows.reduce((sum, row) => sum + (row.doc?.delta ?? 0), 0);
  }
}

export function newItemDoc(fields: ItemFields, at: string): ItemDoc {
  const fieldTimes = Object.fromEntries(Object.keys(fields).map((f) => [f, at]));
  return {
    _id: newItemId(),
    type: 'item',
    fields,
    fieldTimes,
    conflicts: [],
    createdAt: at,
    updatedAt: at,
    edits: [],
  };
}

export function movement(itemId: string, kind: MovementKind, delta: number, note: string, at: string): MovementDoc {
  return { _id: newMovementId(itemId), type: 'move', itemId, kind, delta, at, note, saleId: null };
}

export function oversold(sku: string, quantity: number): StockWarning {
  return {
    code: 'OVERSOLD',
    quantity,
    message:
      `Stock of ${sku} is now ${quantity}: more units were sold than were on hand ` +
      '(for example the last unit sold on two devices). Both sales are kept; check the orders and adjust stock.',
  };
}

export const publicMovement = (m: MovementDoc) => ({
  id: m._id,
  kind: m.kind,
  delta: m.delta,
  at: m.at,
  note: m.note,
  saleId: m.saleId,
});

export const publicSale = (s: SaleDoc) => ({
  id: s._id,
  quantity: s.quantity,
  price: s.price,
  fees: s.fees,
  shippingCost: s.shippingCost,
  at: s.at,
  channel: s.channel,
});
