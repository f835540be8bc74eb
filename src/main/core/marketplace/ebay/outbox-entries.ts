/**
 * The outbox's entries in the local-only database, one per eBay listing, written one change
 * after another. The listings that still owe eBay something (waiting, held, failed) are kept
 * in memory too, so the sender and its timer read those few entries rather than every entry
 * (an import of 10,000 listings leaves 10,000 entries in step with eBay).
 */
import type { EbayOutboxEntry, EbayOutboxStatus } from '@shared/api';
import type { Database } from '../../db/open';
import { readMany } from '../../db/read-many';

export type OutboxDoc = Omit<EbayOutboxEntry, 'nextAt'> & {
  _id: string;
  _rev?: string;
  nextAt: number | null;
  kind?: 'site' | 'api';
  offerId?: string;
};

export interface Change {
  listing: string;
  change: (doc: OutboxDoc | null) => OutboxDoc | null;
}

export const ID = (listing: string) => `ebay-outbox:${listing}`;
const RANGE = { startkey: 'ebay-outbox:', endkey: 'ebay-outbox:\uffff' };
/** Sent entries listed in the status (the newest); those that wait or failed are always listed. */
const SENT_SHOWN = 100;

export class OutboxEntries {
  /** Chains every write, so two changes of one entry never race. */
  writing: Promise<unknown> = Promise.resolve();
  /** Listings whose entry is not sent; null until first read from the database. */
  private owing: Set<string> | null = null;
  /** When each sent entry was last written, by listing (the status lists the newest). */
  private sentAt = new Map<string, string>();

  constructor(
    private readonly local: Database,
    private readonly now: () => number,
    /** Called after each write (the outbox announces its status from there). */
    private readonly written: () => void,
  ) {}

  /**
   * Every entry, read in the write chain (no write lands between the read and what is kept).
   * The first read also fills what `owed()` and the status keep in memory, so the outbox's
   * start (which sets every entry against stock) reads the entries once, not twice.
   */
  all(): Promise<OutboxDoc[]> {
    const read = this.writing.then(async () => {
      const rows = await this.local.allDocs<OutboxDoc>({ ...RANGE, include_docs: true });
      const all = rows.rows.flatMap((r) => (r.doc ? [r.doc] : []));
      if (!this.owing) {
        for (const d of all) if (d.state === 'sent') this.sentAt.set(d.listing, d.updatedAt);
        this.owing = new Set(all.filter((d) => d.state !== 'sent').map((d) => d.listing));
      }
      return all;
    });
    this.writing = read.catch(() => undefined);
    return read;
  }

  /** Which listings owe eBay something (read from the database the first time). */
  private async load(): Promise<Set<string>> {
    if (!this.owing) await this.all();
    return this.owing!;
  }

  private async read(listings: Iterable<string>): Promise<OutboxDoc[]> {
    const keys = [...listings].sort().map(ID);
    if (keys.length === 0) return [];
    const res = await this.local.allDocs<OutboxDoc>({ keys, include_docs: true });
    return res.rows.flatMap((r) => ('doc' in r && r.doc ? [r.doc] : []));
  }

  /** One listing's entry, or null. */
  async get(listing: string): Promise<OutboxDoc | null> {
    return (await this.read([listing]))[0] ?? null;
  }

  /** The entries that still owe eBay something, oldest listing number first. */
  async owed(): Promise<OutboxDoc[]> {
    return (await this.read(await this.load())).filter((d) => d.state !== 'sent');
  }

  /** Read, change and write one entry (null: leave it as it is). */
  update(listing: string, change: Change['change']): Promise<void> {
    return this.updateMany([{ listing, change }]);
  }

  /**
   * Many entries in one read and one write (an import of 10,000 listings, a burst of stock
   * changes), changed in order: two changes of one listing see each other.
   */
  updateMany(changes: Change[]): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    const next = this.writing.then(async () => {
      const listings = [...new Set(changes.map((c) => c.listing))];
      const found = await readMany<OutboxDoc>(this.local, listings.map(ID));
      const docs = new Map<string, OutboxDoc | null>(found.map((f, i) => [listings[i]!, f.doc]));
      const changed = new Map<string, OutboxDoc>();
      const at = new Date(this.now()).toISOString();
      for (const { listing, change } of changes) {
        const doc = change(docs.get(listing) ?? null);
        if (!doc) continue;
        docs.set(listing, doc);
        changed.set(listing, { ...doc, updatedAt: at });
      }
      if (changed.size === 0) return;
      await this.local.bulkDocs([...changed.values()]);
      for (const doc of changed.values()) {
        if (doc.state === 'sent') {
          this.owing?.delete(doc.listing);
          this.sentAt.set(doc.listing, doc.updatedAt);
        } else {
          this.owing?.add(doc.listing);
          this.sentAt.delete(doc.listing);
        }
      }
      this.written();
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  /**
   * Counts of every entry; the entries themselves are those that wait, are held or failed, and
   * the most recently sent.
   */
  async status(): Promise<EbayOutboxStatus> {
    // What waits, and the newest sent, read by key: not every entry an import left in step.
    const waiting = await this.owed();
    const newest = [...this.sentAt]
      .sort((a, b) => b[1].localeCompare(a[1]))
      .slice(0, SENT_SHOWN)
      .map(([listing]) => listing);
    const sent = (await this.read(newest))
      .filter((e) => e.state === 'sent')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const count = (s: EbayOutboxEntry['state']) => waiting.filter((e) => e.state === s).length;
    const entries = [...waiting, ...sent].map(({ _id: _i, _rev: _r, nextAt, kind: _k, offerId: _o, ...e }) => ({
      ...e,
      nextAt: nextAt === null ? null : new Date(nextAt).toISOString(),
    }));
    return { pending: count('pending'), held: count('held'), failed: count('failed'), entries };
  }
}
