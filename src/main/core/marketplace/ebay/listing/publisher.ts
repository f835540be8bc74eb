/**
 * Publishing, revising and ending listings through a persisted queue in the local-only
 * database: asked offline, a publish waits and goes when eBay is reachable; interrupted, it
 * goes on after the restart. Every step can be repeated without a second effect (photos by
 * content hash, the item and offer written whole, the offer found by SKU before one is made,
 * a published offer never published again), so a publish happens once.
 */
import type { EbayListingState, EbaySettings } from '@shared/api';
import { EBAY_ENDED_TAG } from '@shared/api';
import type { Item, PhotoRef } from '@shared/domain/inventory';
import type { Database } from '../../../db/open';
import type { EventBus } from '../../../events';
import type { InventoryService } from '../../../inventory/service';
import { logger } from '../../../log';
import type { EbayAccount } from '../account';
import { EbayError } from '../errors';
import { listingUrl } from '../hosts';
import type { EbayHttp } from '../http';
import { ListingJobs, shown, today, type JobDoc } from './jobs';
import { recordOnItem } from './item-record';
import { endSiteListing, reviseSiteListing, sendListing, withdrawListing, type StepDeps } from './steps';
import { publishHint } from './publish-errors';
import { notReady, preflight, readyToList, type ListingTarget, type PreflightDeps } from './preflight';
import { REVISIONS_PER_DAY } from '../outbox-sender';
import { idIn } from '../category-id';

const log = logger('ebay');
const MAX_BACKOFF_MS = 5 * 60_000;

export interface PublisherDeps {
  local: Database;
  inventory: InventoryService;
  account: EbayAccount;
  http: EbayHttp;
  events: EventBus;
  settings: () => Promise<EbaySettings>;
  checks: PreflightDeps;
  /** How the stock outbox knows a listing: made on eBay's site, or through the Inventory API. */
  listingKind: (listing: string) => Promise<'site' | 'api' | null>;
  /** Asks eBay which API revises the listing (an offer of the SKU published as it means the Inventory API). */
  askKind: (sku: string, listing: string) => Promise<'site' | 'api'>;
  /** A photo's original bytes (fetched from the sync server first when only its thumbnail is here). */
  readPhoto: (photo: PhotoRef) => Promise<Buffer | null>;
  /** eBay now has this quantity for the listing (the stock outbox owes it nothing). */
  listed: (listing: { listing: string; quantity: number; sku: string }) => Promise<void>;
  now?: () => number;
}

export class Publisher {
  readonly jobs: ListingJobs;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private wake: NodeJS.Timeout | null = null;

  constructor(private readonly deps: PublisherDeps) {
    this.jobs = new ListingJobs(deps.local);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  async state(itemId: string): Promise<EbayListingState | null> {
    const doc = await this.jobs.get(itemId);
    return doc ? shown(doc, this.now()) : null;
  }

  /**
   * What the item's listing is: none yet (or ended), one published through the Inventory API
   * (by FlipSync, or imported from it), or one made on eBay's site.
   */
  async target(item: Item): Promise<ListingTarget> {
    if (!item.ebayItemId || item.tags.includes(EBAY_ENDED_TAG)) return 'new';
    const doc = await this.jobs.get(item.id);
    if (doc?.listingId === item.ebayItemId && doc.action === 'publish') return 'api';
    // Imported, published on another device, or linked by hand: the outbox may have learnt which
    // API revises it; otherwise eBay is asked (Trading cannot revise an Inventory API listing).
    return (await this.deps.listingKind(item.ebayItemId)) ?? (await this.deps.askKind(item.sku, item.ebayItemId));
  }

  /** Queues a publish (or revise) after preflight passes; answers where it stands. */
  async publish(itemId: string): Promise<EbayListingState> {
    const item = await this.deps.inventory.get(itemId);
    const lines = await preflight(item, this.deps.checks, await this.target(item));
    if (!readyToList(lines)) throw notReady(lines);
    return this.ask(itemId, 'publish');
  }

  /** Queues ending the item's listing. */
  end(itemId: string): Promise<EbayListingState> {
    return this.ask(itemId, 'end');
  }

  private async ask(itemId: string, action: 'publish' | 'end'): Promise<EbayListingState> {
    const now = this.now();
    const doc = await this.jobs.update(itemId, (found) => ({
      itemId,
      action,
      state: 'pending',
      step: action === 'end' ? 'end' : 'photos',
      attempts: 0,
      nextAt: null,
      reason: null,
      hint: null,
      errorId: null,
      listingId: found?.listingId ?? null,
      url: found?.url ?? null,
      offerId: found?.offerId ?? null,
      day: found?.day ?? today(now),
      revisions: found?.revisions ?? 0,
      updatedAt: new Date(now).toISOString(),
    }));
    this.announce(doc);
    void this.drain();
    return shown(doc, now);
  }

  /** Sends what is due; one run at a time (a call meanwhile runs once more after it). */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runDue().catch((error: unknown) => log.warn('listing queue stopped', error));
      } while (this.again && !this.closed);
    })().finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.wake) clearTimeout(this.wake);
    await this.running;
  }

  private async runDue(): Promise<void> {
    if (this.closed || !(await this.deps.account.status()).connected) return;
    let soonest: number | null = null;
    for (const job of await this.jobs.open()) {
      if (this.closed) return;
      if (job.state === 'failed') continue;
      if (job.nextAt !== null && job.nextAt > this.now()) {
        soonest = Math.min(soonest ?? job.nextAt, job.nextAt);
        continue;
      }
      await this.run(job);
    }
    if (soonest !== null && !this.closed) {
      if (this.wake) clearTimeout(this.wake);
      this.wake = setTimeout(() => void this.drain(), Math.max(0, soonest - this.now()));
      this.wake.unref();
    }
  }

  private async run(job: JobDoc): Promise<void> {
    const settings = await this.deps.settings();
    const started = await this.write(job.itemId, (d) => ({ ...(d ?? job), state: 'sending' }));
    try {
      if (job.action === 'end') await this.endListing(started, settings);
      else await this.publishListing(started, settings);
    } catch (error) {
      // eBay refused what it was said to accept: what is kept of the category, conditions and
      // policies is stale; the next preflight reads them again and shows what changed.
      if (error instanceof EbayError && error.kind === 'request' && error.errorId !== undefined) {
        const item = await this.deps.inventory.get(job.itemId).catch(() => null);
        const categoryId = item ? idIn(item.category) : null;
        if (categoryId) this.deps.checks.forget(categoryId, settings.marketplaceId);
      }
      await this.failed(job.itemId, error);
    }
  }

  private async publishListing(job: JobDoc, settings: EbaySettings): Promise<void> {
    const item = await this.deps.inventory.get(job.itemId);
    const target = await this.target(item);
    const lines = await preflight(item, this.deps.checks, target);
    if (!readyToList(lines)) throw notReady(lines);
    const day = today(this.now());
    const revisions = job.day === day ? job.revisions : 0;
    if (target !== 'new' && revisions >= REVISIONS_PER_DAY) {
      const tomorrow = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
      await this.write(job.itemId, (d) => ({
        ...(d ?? job),
        state: 'pending',
        nextAt: tomorrow,
        reason: `eBay allows ${REVISIONS_PER_DAY} revisions of a listing a day; this one waits until ${today(tomorrow)} (UTC).`,
      }));
      return;
    }
    const steps = this.steps(job.itemId);
    const result =
      target === 'site'
        ? await this.deps.account.authorized(async (token) => {
            await reviseSiteListing(steps, token, item, settings);
            return { offerId: null, listingId: item.ebayItemId!, revised: true };
          })
        : await this.deps.account.authorized((token) => sendListing(steps, token, item, settings));
    await recordOnItem(this.deps.inventory, item.id, result.listingId, today(this.now()));
    await this.deps.listed({ listing: result.listingId, quantity: Math.max(0, item.quantity), sku: item.sku });
    await this.write(job.itemId, (d) => ({
      ...(d ?? job),
      state: 'done',
      step: 'done',
      attempts: 0,
      nextAt: null,
      reason: null,
      hint: null,
      errorId: null,
      listingId: result.listingId,
      offerId: result.offerId,
      url: listingUrl(settings, result.listingId),
      day,
      revisions: revisions + (result.revised ? 1 : 0),
    }));
  }

  private async endListing(job: JobDoc, settings: EbaySettings): Promise<void> {
    const item = await this.deps.inventory.get(job.itemId);
    const steps = this.steps(job.itemId);
    const site = (await this.target(item)) === 'site';
    await this.deps.account.authorized((token) =>
      site ? endSiteListing(steps, token, item, settings) : withdrawListing(steps, token, item, settings),
    );
    await recordOnItem(this.deps.inventory, item.id, null, today(this.now()));
    await this.write(job.itemId, (d) => ({
      ...(d ?? job),
      state: 'done',
      step: 'done',
      nextAt: null,
      reason: null,
      hint: null,
      errorId: null,
    }));
  }

  /** What the eBay steps need, for one item (a fees check uses them outside the queue). */
  stepsFor(itemId: string): StepDeps {
    return this.steps(itemId);
  }

  private steps(itemId: string): StepDeps {
    return {
      http: this.deps.http,
      jobs: this.jobs,
      readPhoto: this.deps.readPhoto,
      now: () => this.now(),
      step: (step, offerId) => this.step(itemId, step, offerId),
    };
  }

  private async step(itemId: string, step: string, offerId?: string): Promise<void> {
    await this.write(itemId, (d) => ({ ...d!, step, ...(offerId ? { offerId } : {}) }));
  }

  private async failed(itemId: string, error: unknown): Promise<void> {
    const e = error instanceof EbayError ? error : null;
    // Unreachable, busy, down or signed out: the job waits and goes again by itself.
    const retry = e !== null && e.kind !== 'request';
    const explained = e ? publishHint(e) : null;
    const text = error instanceof Error ? error.message : String(error);
    if (!retry) log.warn('eBay listing failed', error);
    await this.write(itemId, (d) => {
      const attempts = (d?.attempts ?? 0) + 1;
      return {
        ...d!,
        state: retry ? 'pending' : 'failed',
        attempts,
        nextAt: retry ? this.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 12)) : null,
        reason: explained?.message ?? text,
        hint:
          explained?.hint ??
          e?.hint ??
          (error instanceof Error && 'hint' in error ? String(error.hint ?? '') || null : null),
        errorId: e?.errorId ?? null,
      };
    });
    if (retry) void this.drain();
  }

  private async write(itemId: string, change: (doc: JobDoc | null) => Omit<JobDoc, '_id' | '_rev'>): Promise<JobDoc> {
    const doc = await this.jobs.update(itemId, (d) => ({
      ...change(d),
      updatedAt: new Date(this.now()).toISOString(),
    }));
    this.announce(doc);
    return doc;
  }

  private announce(doc: JobDoc): void {
    this.deps.events.emit('ebay.listing', shown(doc, this.now()));
  }
}
