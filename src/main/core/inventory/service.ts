/**
 * The inventory service: every write to the inventory database goes through here, one at a
 * time (so the SKU check and the write cannot interleave), and is applied to the in-memory
 * index at once so the seller reads their own writes.
 */
import type { Journal } from '../journal/journal';
import { ItemFieldsSchema, EMPTY_ITEM, type Item, type ItemFields, type MovementKind } from '@shared/domain/inventory';
import type { ListQuery } from '@shared/api/inventory';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import { movementRange, newItemId, newMovementId, toItem, type ItemDoc, type MovementDoc, type SaleDoc } from './docs';
import { applyChanges, fieldLabel, notFound, skuTaken, staleRevError } from './fields';
import type { LiveIndex } from './index/live-index';
import type { ChangedDoc } from './index/memory-index';
import { joinLines } from './single-line';

type Saved<T> = T & { _rev: string };
type WrittenDoc = ItemDoc | MovementDoc | SaleDoc;
/** A document the database did not take, with its HTTP-like status (409: a newer revision). */
export interface Refused {
  doc: WrittenDoc;
  status?: number;
  message: string;
}
export interface SaleInput {
  quantity: number;
  price: number;
  fees: number;
  /** The fees are an estimate, to be replaced by what the marketplace reports. */
  feesEstimated?: boolean;
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

  /** Where multi-document work records its intent first; set by core once local storage is open. */
  journal: Journal | null = null;

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
      const parsed = ItemFieldsSchema.safeParse({ ...EMPTY_ITEM, ...joinLines(fields).fields });
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
      const diff = quantity === undefined ? 0 : quantity - (await this.stockFromMovements(id));
      // The item before its movement: when the item is refused, no stock change is left behind.
      if (changed.length > 0) await this.write([next]);
      if (diff !== 0) await this.write([movement(id, 'adjusted', diff, `Quantity set to ${quantity}`, at)]);
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

  /** Writes documents and applies the saved ones to the index; returns those refused. */
  async save(docs: WrittenDoc[]): Promise<Refused[]> {
    const results = await this.db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
    const saved: ChangedDoc[] = [];
    const refused: Refused[] = [];
    results.forEach((r, i) => {
      if ('ok' in r && r.ok) saved.push({ ...docs[i], _rev: r.rev } as unknown as ChangedDoc);
      else refused.push({ doc: docs[i]!, status: (r as { status?: number }).status, message: (r as Error).message });
    });
    this.live.applyLocal(saved);
    return refused;
  }

  /**
   * Writes documents; a refused one fails the call. Several documents are not written
   * atomically, so callers pass several only when none can be refused (new ids).
   */
  async write(docs: WrittenDoc[]): Promise<void> {
    const refused = await this.save(docs);
    if (refused[0]) throw this.refusal(refused[0]);
  }

  refusal({ status, message }: Refused): AppError {
    if (status === 409) {
      return new AppError('CONFLICT', 'The item changed while saving; nothing was overwritten.', 'Try again.');
    }
    return new AppError('UNAVAILABLE', `The inventory database refused a write: ${message}`);
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

export const publicMovement = (m: MovementDoc) => ({
  id: m._id,
  kind: m.kind,
  delta: m.delta,
  at: m.at,
  note: m.note,
  saleId: m.saleId,
});
