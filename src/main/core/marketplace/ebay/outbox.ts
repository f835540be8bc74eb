/**
 * Stock out: every change of a linked item's stock on hand (a sale here, one synced from
 * another device, an adjustment, an import) becomes an entry in a persisted outbox in the
 * local-only database, one per eBay listing, holding the latest quantity wanted there. A
 * sender sends entries while eBay is connected and reachable; the quantity is absolute, so a
 * send repeated after a crash or by a second device changes nothing more. Failures wait with
 * backoff; eBay's 250 revisions per listing per day are counted and the 251st is held until
 * the next UTC day. Entries only wait, never vanish: the seller can retry or drop one.
 */
import type { EbayOutboxStatus, EbaySettings } from '@shared/api';
import { EBAY_ENDED_TAG } from '@shared/api';
import type { Database } from '../../db/open';
import type { EventBus } from '../../events';
import type { StockChange } from '../../inventory/index/memory-index';
import type { InventoryService } from '../../inventory/service';
import { logger } from '../../log';
import type { EbayAccount } from './account';
import type { EbayHttp } from './http';
import { ID, OutboxEntries, type Change, type OutboxDoc } from './outbox-entries';
import { OutboxSender, WAITING_FOR_SYNC } from './outbox-sender';

export { REVISIONS_PER_DAY } from './outbox-sender';

const log = logger('ebay');
const COLLECT_MS = 100;
/** The status is read whole: during a burst of writes it is announced at most this often. */
const ANNOUNCE_MS = 500;

export interface OutboxDeps {
  local: Database;
  inventory: InventoryService;
  account: EbayAccount;
  http: EbayHttp;
  events: EventBus;
  settings: () => Promise<EbaySettings>;
  now?: () => number;
  /** True while sync brings in other devices' changes: the stock is not merged yet. */
  syncCatchingUp: () => boolean;
}

export class Outbox {
  private readonly dirty = new Set<string>();
  private collecting: NodeJS.Timeout | null = null;
  private collectRun: Promise<void> = Promise.resolve();
  private draining: Promise<void> | null = null;
  private again = false;
  private wake: NodeJS.Timeout | null = null;
  private closed = false;
  private announcing: NodeJS.Timeout | null = null;
  private announceGap = ANNOUNCE_MS;
  private announceAgain = false;
  private reconciling: Promise<void> = Promise.resolve();
  private settling: Promise<void> | null = null;

  private readonly entries: OutboxEntries;
  private readonly sender: OutboxSender;

  constructor(private readonly deps: OutboxDeps) {
    this.entries = new OutboxEntries(
      deps.local,
      () => this.now(),
      () => this.announce(),
    );
    this.sender = new OutboxSender({
      ...deps,
      entries: this.entries,
      now: () => this.now(),
      closed: () => this.closed,
    });
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** What eBay holds, as an import just read it: no update is owed for these. */
  async known(listings: { listing: string; quantity: number; sku?: string; kind?: 'site' }[]): Promise<void> {
    await this.entries.updateMany(
      listings.map(({ listing, quantity, sku, kind }) => ({
        listing,
        // An update still owed wins over what eBay had.
        change: (doc) =>
          doc && doc.state !== 'sent'
            ? null
            : {
                ...(doc ?? this.blank(listing, '', '')),
                sku: doc?.sku || sku || '',
                // A listing made on eBay's site is revised through Trading: no need to ask.
                ...(kind && !doc?.kind ? { kind } : {}),
                known: quantity,
                quantity,
                state: 'sent',
                reason: null,
              },
      })),
    );
  }

  /** Which API revises the listing, as learnt from an import or a send; null while unknown. */
  async kindOf(listing: string): Promise<'site' | 'api' | null> {
    return (await this.entries.get(listing))?.kind ?? null;
  }

  /** The listing moved to the Inventory API: its quantity goes there from now on. */
  async migrated(listing: string, offerId: string): Promise<void> {
    await this.entries.update(listing, (doc) => (doc ? { ...doc, kind: 'api', offerId } : null));
  }

  /** Stock moved (local writes and sync alike); the entries are written a moment later, collapsed. */
  stockChanged(changes: StockChange[]): void {
    for (const c of changes) if (c.before !== c.after) this.dirty.add(c.id);
    if (this.dirty.size > 0 && !this.collecting && !this.closed)
      this.collecting = setTimeout(() => {
        this.collectRun = this.collect().catch((error: unknown) => {
          if (!this.closed) log.warn('could not queue stock changes for eBay', error);
        });
      }, COLLECT_MS);
  }

  /** Collects at once what waits for the collect timer (nothing when nothing waits). */
  private async collectNow(): Promise<void> {
    if (!this.collecting) return;
    clearTimeout(this.collecting);
    await this.collect();
  }

  private async collect(): Promise<void> {
    this.collecting = null;
    if (this.closed) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const changes: Change[] = [];
    for (const id of ids) {
      const row = this.deps.inventory.index.get(id);
      if (!row?.ebayItemId || row.tags.includes(EBAY_ENDED_TAG)) continue;
      const wanted = Math.max(0, row.quantity);
      changes.push({
        listing: row.ebayItemId,
        change: (found) => {
          const doc = found ?? this.blank(row.ebayItemId!, id, row.sku);
          if (found && doc.quantity === wanted && doc.state !== 'failed') return null;
          const owed = wanted !== doc.known;
          // An entry already waiting keeps its wait (eBay asked for it): only its quantity moves.
          const waiting = doc.state === 'pending' && doc.nextAt !== null;
          return {
            ...doc,
            itemId: id,
            sku: row.sku,
            quantity: wanted,
            state: owed ? 'pending' : 'sent',
            ...(waiting && owed ? {} : { attempts: 0, nextAt: null, reason: null }),
          };
        },
      });
    }
    await this.entries.updateMany(changes);
    void this.drain();
  }

  /**
   * At start: a stock change saved just before a crash may never have reached the outbox (it
   * is collected a moment after the write). Each listing's entry is set against its item's
   * stock now; a difference is queued as if the change had just happened.
   */
  reconcile(): Promise<void> {
    this.reconciling = (async () => {
      const index = this.deps.inventory.index;
      for (const doc of await this.entries.all()) {
        const row = doc.itemId ? index.get(doc.itemId) : undefined;
        if (row?.ebayItemId === doc.listing && Math.max(0, row.quantity) !== doc.quantity) this.dirty.add(doc.itemId);
      }
      if (this.dirty.size > 0 && !this.closed) await this.collect();
    })().catch((error: unknown) => {
      if (!this.closed) log.warn('could not check the eBay outbox against stock', error);
    });
    return this.reconciling;
  }

  /** Resolves once changes seen so far are in the outbox and what was due has been tried. */
  async idle(): Promise<void> {
    await this.reconciling;
    while (this.dirty.size > 0 || this.collecting || this.draining) {
      await this.collectNow();
      await this.draining;
      await this.entries.writing;
    }
  }

  /** Sends what is due; one drain at a time, a call meanwhile runs it again after. */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.sender
      .send()
      // Off or not connected: no timer (turning it on, or connecting, drains again). A timer
      // then would find every waiting entry due at once and spin, reading them all each time.
      .then((tried) => {
        if (tried) this.schedule();
      })
      .catch((error: unknown) => log.warn('the eBay outbox could not send', error))
      .finally(() => {
        this.draining = null;
        if (this.again && !this.closed) {
          this.again = false;
          void this.drain();
        }
      });
    return this.draining;
  }

  /** Wakes the sender when the earliest waiting entry is due. */
  private schedule(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    if (this.closed) return;
    void this.entries.owed().then(
      (all) => {
        const next = Math.min(
          ...all.filter((e) => e.state === 'pending' || e.state === 'held').map((e) => e.nextAt ?? this.now()),
        );
        if (!Number.isFinite(next) || this.closed) return;
        this.wake = setTimeout(() => void this.drain(), Math.max(50, next - this.now()));
        this.wake.unref();
      },
      () => undefined,
    ); // closing: the database went away under the look
  }

  async status(): Promise<EbayOutboxStatus> {
    const status = await this.entries.status();
    return this.sender.waitingForSync && status.pending > 0 ? { ...status, waitingFor: WAITING_FOR_SYNC } : status;
  }

  /** Sync's status moved: if sending waited for it to catch up and it has, send now. */
  syncSettled(): void {
    if (!this.sender.waitingForSync || this.deps.syncCatchingUp() || this.settling) return;
    this.settling = (async () => {
      // What sync brought reaches stock and the entries first: an entry may still hold the
      // half-merged quantity it was given while sync caught up (it was sent so, in a test).
      await this.deps.inventory.live.settle();
      await this.collectNow();
      await this.drain();
    })()
      .catch((error: unknown) => log.warn('the eBay outbox could not send after sync caught up', error))
      .finally(() => (this.settling = null));
  }

  /** The seller's "retry": a failed or held entry is due now. */
  async retry(listing: string): Promise<void> {
    await this.entries.update(listing, (doc) =>
      doc && doc.state !== 'sent' ? { ...doc, state: 'pending', nextAt: null, attempts: 0 } : null,
    );
    void this.drain();
  }

  /** The seller's "drop": eBay keeps what it has; the entry is marked sent without sending. */
  async drop(listing: string): Promise<void> {
    await this.entries.update(listing, (doc) =>
      doc ? { ...doc, state: 'sent', nextAt: null, reason: 'Dropped by you: eBay kept its quantity.' } : null,
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.collecting) clearTimeout(this.collecting);
    if (this.wake) clearTimeout(this.wake);
    if (this.announcing) clearTimeout(this.announcing);
    await this.reconciling;
    await this.collectRun;
    await this.draining;
    await this.entries.writing;
  }

  private blank(listing: string, itemId: string, sku: string): OutboxDoc {
    return {
      _id: ID(listing),
      listing,
      itemId,
      sku,
      quantity: 0,
      known: null,
      state: 'sent',
      attempts: 0,
      nextAt: null,
      reason: null,
      day: '',
      revisions: 0,
      sentAt: null,
      updatedAt: '',
    };
  }

  /** The status bar and the eBay activity view follow the outbox (once per burst of writes). */
  private announce(): void {
    if (this.closed) return;
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = setTimeout(() => {
      if (this.closed) return;
      const started = performance.now();
      void this.status()
        .then(
          (s) => this.deps.events.emit('ebay.outbox', s),
          () => undefined,
        )
        .finally(() => {
          // The status is read whole, which takes longer the more entries wait (stock sending
          // off during a big import): the pause grows with it, so announcing costs at most a tenth.
          this.announceGap = Math.max(ANNOUNCE_MS, 10 * (performance.now() - started));
          this.announcing = null;
          if (this.announceAgain) {
            this.announceAgain = false;
            this.announce();
          }
        });
    }, this.announceGap);
  }
}
