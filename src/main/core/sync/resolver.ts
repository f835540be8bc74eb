/**
 * Watches the inventory changes feed (`conflicts: true`) and resolves every item that has
 * conflicting revisions: the field-by-field merge is written on top of PouchDB's winner and
 * the losing leaves are deleted in the same bulk write, so no value is ever dropped by
 * PouchDB's arbitrary choice of winner. Also keeps the set of items that hold kept losing
 * values, so the Conflicts view never scans the whole inventory.
 *
 * Progress (the feed sequence and that set) lives in the local-only database: conflicts
 * that arrive while FlipSync is closed are resolved at the next start.
 */
import type { Database } from '../db/open';
import type { ItemDoc } from '../inventory/docs';
import { mergeItemVersions, type ItemVersion } from './merge';
import { logger } from '../log';
import { changeFeedOf, type Following } from '../db/change-feed';

const log = logger('sync');

const STATE_ID = '_local/sync-resolver';
const BATCH = 500;

interface ResolverState {
  _id: string;
  _rev?: string;
  seq: number | string;
  conflicted: string[];
}

export class ConflictResolver {
  private seq: number | string = 0;
  private readonly conflicted = new Set<string>();
  private stateRev: string | undefined;
  private feed: Following | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Items resolved since start (for tests and the log). */
  resolvedCount = 0;

  constructor(
    private readonly inventory: Database,
    private readonly local: Database,
    private readonly onConflictsChanged: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const saved = await this.local.get<ResolverState>(STATE_ID).catch(() => null);
    if (saved) {
      this.seq = saved.seq;
      this.stateRev = saved._rev;
      for (const id of saved.conflicted) this.conflicted.add(id);
    }
    // The live feed is only a trigger; batches are read from our own checkpoint.
    this.feed = changeFeedOf(this.inventory, 'inventory').follow(
      'now',
      () => void this.drain(),
      (error) => log.error('inventory changes feed failed', error),
    );
    await this.drain();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.feed?.cancel();
    await this.running?.catch(() => undefined);
  }

  conflictedIds(): string[] {
    return [...this.conflicted];
  }

  /** Record what a route just did to an item's kept values. */
  async noteItem(doc: ItemDoc): Promise<void> {
    const before = this.conflicted.size;
    this.track(doc);
    await this.save();
    if (this.conflicted.size !== before) this.onConflictsChanged();
  }

  /** Resolves everything the feed holds; concurrent calls coalesce into one more pass. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.closed);
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<void> {
    let changed = false;
    for (;;) {
      if (this.closed) return;
      const batch = await this.inventory.changes<ItemDoc>({
        since: this.seq,
        limit: BATCH,
        include_docs: true,
        conflicts: true,
        return_docs: true,
      });
      for (const row of batch.results) {
        const doc = row.doc as (ItemDoc & { _deleted?: boolean }) | undefined;
        if (!row.id.startsWith('item:') || !doc) continue;
        if (doc._deleted) {
          changed = this.conflicted.delete(row.id) || changed;
          continue;
        }
        if (doc._conflicts?.length) {
          // The merged write shows up in the feed again and is tracked then.
          await this.resolve(row.id);
          continue;
        }
        const had = this.conflicted.has(row.id);
        this.track(doc);
        changed = changed || had !== this.conflicted.has(row.id);
      }
      const advanced = batch.last_seq !== this.seq;
      this.seq = batch.last_seq;
      if (advanced || changed) await this.save();
      if (batch.results.length < BATCH) break;
    }
    if (changed) this.onConflictsChanged();
  }

  private track(doc: ItemDoc): void {
    if (doc.conflicts?.length) this.conflicted.add(doc._id);
    else this.conflicted.delete(doc._id);
  }

  private async resolve(id: string): Promise<void> {
    const winner = await this.inventory.get<ItemDoc>(id, { conflicts: true, revs: true });
    const losingRevs = winner._conflicts ?? [];
    if (losingRevs.length === 0) return;
    // With their histories: the merge finds the common ancestor from them.
    const losers = await Promise.all(
      losingRevs.map((rev) => this.inventory.get<ItemDoc>(id, { rev, revs: true }).catch(() => null)),
    );
    const versions = [winner, ...losers.filter((v) => v !== null)] as ItemVersion[];
    const merged = mergeItemVersions(versions);
    const results = await this.inventory.bulkDocs([
      { ...merged, _rev: winner._rev },
      ...losingRevs.map((rev) => ({ _id: id, _rev: rev, _deleted: true })),
    ] as PouchDB.Core.PutDocument<object>[]);
    // A concurrent edit (409) lands in the feed again and the next pass merges it.
    const failed = results.filter((r) => 'error' in r && r.status !== 409);
    if (failed.length) log.error(`could not resolve the conflict on ${id}`, failed);
    else this.resolvedCount++;
  }

  private async save(): Promise<void> {
    const doc: ResolverState = { _id: STATE_ID, _rev: this.stateRev, seq: this.seq, conflicted: [...this.conflicted] };
    try {
      this.stateRev = (await this.local.put(doc)).rev;
    } catch (error) {
      if ((error as { status?: number }).status !== 409) throw error;
      const current = await this.local.get<ResolverState>(STATE_ID);
      this.stateRev = (await this.local.put({ ...doc, _rev: current._rev })).rev;
    }
  }
}
