/**
 * "Import from eBay": the seller's active listings become or update items. Site-made listings
 * come from Trading (GetMyeBaySelling pages, GetItem for new or changed ones), API-made ones
 * from the Inventory API. Matched by SKU, then by eBay item number, else created. A checkpoint
 * in the local-only database (after every page) lets a stopped or crashed import resume; every
 * page is idempotent, so repeating one adds nothing. Listings gone from eBay are marked ended,
 * never deleted. Nothing is written to eBay.
 */
import { randomBytes } from 'node:crypto';
import { EBAY_ENDED_TAG, type EbayImportStatus, type EbaySettings } from '@shared/api';
import type { Database } from '../../db/open';
import type { EventBus } from '../../events';
import { bulkEdit, bulkUpsertBySku, type UpsertRow } from '../../inventory/bulk';
import type { InventoryService } from '../../inventory/service';
import type { Outbox } from './outbox';
import type { EbayAccount } from './account';
import { EbayError } from './errors';
import { ebayHosts, listingUrl } from './hosts';
import type { EbayHttp } from './http';
import { IDLE, publicStatus, readCheckpoint, type Checkpoint } from './import-checkpoint';
import { importPictures, type PictureDeps } from './import-pictures';
import { pooled } from './pooled';
import { listingId, readListings, unseenActive, writeListings, type ListingDoc } from './listings';
import { fallbackSku, fromApi, fromSite, type ListingFields } from './mapping';
import { getInventoryItems, getOffers } from './rest';
import { activeListPage, getItem } from './trading';
import { logger } from '../../log';

const log = logger('ebay');

export const ENDED_TAG = EBAY_ENDED_TAG;
const SITE_PAGE = 200;
const API_PAGE = 100;
const PARALLEL = 4;

const summaryKey = (s: { sku: string; title: string; price: number | null; quantityAvailable: number }) =>
  JSON.stringify([s.sku, s.title, s.price, s.quantityAvailable]);

export interface ImportDeps {
  local: Database;
  inventory: InventoryService;
  account: EbayAccount;
  http: EbayHttp;
  events: EventBus;
  settings: () => Promise<EbaySettings>;
  /** Told what eBay holds for each listing imported, so no update is sent back for it. */
  outbox?: Pick<Outbox, 'known'>;
  /** Where imported items get their first picture; without it pictures stay addresses only. */
  pictures?: Omit<PictureDeps, 'local' | 'inventory' | 'apiOrigin'>;
}

export class EbayImport {
  private running: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(private readonly deps: ImportDeps) {}

  async status(): Promise<EbayImportStatus> {
    const doc = await readCheckpoint(this.deps.local);
    if (!doc) return IDLE;
    const status = publicStatus(doc);
    // Running in the checkpoint but not here: FlipSync stopped mid-import; start resumes it.
    return status.state === 'running' && !this.running
      ? { ...status, state: 'cancelled', message: 'The import was interrupted; start it again to resume.' }
      : status;
  }

  /** Starts (or resumes) the import; answers at once, progress comes as events. */
  async start(): Promise<EbayImportStatus> {
    if (!this.running) {
      const prior = await readCheckpoint(this.deps.local);
      const resume = prior && prior.state !== 'done' && prior.state !== 'idle';
      const cp: Checkpoint = resume
        ? { ...prior, state: 'running', message: undefined, hint: undefined, finishedAt: null }
        : {
            ...IDLE,
            _id: 'ebay-import',
            _rev: prior?._rev,
            run: randomBytes(8).toString('hex'),
            sitePage: 1,
            apiPage: 0,
            siteTotal: 0,
            picturesAfter: '',
            state: 'running',
            startedAt: new Date().toISOString(),
          };
      await this.save(cp);
      const abort = new AbortController();
      const done = this.run(cp, abort.signal).finally(() => (this.running = null));
      this.running = { abort, done };
    }
    return this.status();
  }

  async cancel(): Promise<EbayImportStatus> {
    this.running?.abort.abort();
    await this.running?.done;
    return this.status();
  }

  /** Resolves when the running import (if any) has stopped. */
  async idle(): Promise<void> {
    await this.running?.done;
  }

  private async run(cp: Checkpoint, signal: AbortSignal): Promise<void> {
    try {
      if (cp.phase === 'site') await this.site(cp, signal);
      if (cp.phase === 'api') await this.api(cp, signal);
      if (cp.phase === 'ending') {
        await this.ending(cp);
        cp.phase = 'pictures';
        await this.save(cp);
      }
      if (cp.phase === 'pictures') await this.pictures(cp, signal);
      await this.save({ ...cp, state: 'done', phase: 'finished', finishedAt: new Date().toISOString() });
    } catch (error) {
      const stopped = signal.aborted || (error instanceof EbayError && error.kind === 'cancelled');
      const known = error instanceof EbayError;
      if (!known && !stopped) log.error('import failed', error);
      await this.save({
        ...cp,
        state: stopped ? 'cancelled' : 'failed',
        finishedAt: new Date().toISOString(),
        message: stopped
          ? 'Stopped. What was imported stays; start again to go on.'
          : known
            ? error.message
            : 'The import stopped on an unexpected problem.',
        hint: stopped
          ? undefined
          : known
            ? error.hint
            : 'Start it again; it goes on where it stopped. Details are in the log.',
      });
    }
  }

  private async site(cp: Checkpoint, signal: AbortSignal): Promise<void> {
    const settings = await this.deps.settings();
    const { api } = ebayHosts(settings);
    let next = this.readSitePage(api, settings, cp.sitePage, signal);
    for (;;) {
      const { page, known, rows } = await next;
      const last = page.items.length === 0 || cp.sitePage >= page.pages;
      // Reading from eBay has no effect, so the next page is read while this one is written;
      // the checkpoint still moves only after a page is written. A failure reading ahead is
      // met when that page's turn comes (or never, if writing this one fails first).
      if (!last) {
        next = this.readSitePage(api, settings, cp.sitePage + 1, signal);
        next.catch(() => undefined);
      }
      cp.siteTotal = page.total;
      cp.total = page.total;
      const links: ListingDoc[] = [];
      const upserts: { row: UpsertRow; link: ListingDoc }[] = [];
      for (const r of rows) {
        const prior = known.get(r.s.itemId);
        const base: ListingDoc = prior ?? {
          _id: listingId(r.s.itemId),
          itemNumber: r.s.itemId,
          source: 'site',
          state: 'active',
          url: '',
          pictureUrls: [],
          summaryKey: '',
          seenRun: cp.run,
        };
        if ('unchanged' in r) {
          cp.unchanged++;
          links.push({ ...base, state: 'active', seenRun: cp.run });
        } else {
          upserts.push({
            row: { fields: r.fields, quantity: r.quantity },
            link: {
              ...base,
              state: 'active',
              url: r.url,
              pictureUrls: r.pictures,
              summaryKey: summaryKey(r.s),
              seenRun: cp.run,
            },
          });
        }
      }
      links.push(...(await this.upsert(cp, upserts)));
      await writeListings(this.deps.local, links);
      cp.read += page.items.length;
      if (last) Object.assign(cp, { phase: 'api' });
      else cp.sitePage++;
      await this.save(cp);
      if (last) return;
    }
  }

  /** One page of site-made listings, with the details of those new or changed since the last import. */
  private async readSitePage(api: string, settings: EbaySettings, pageNo: number, signal: AbortSignal) {
    const { account, http, local } = this.deps;
    const page = await account.authorized((t) => activeListPage(http, api, t, pageNo, SITE_PAGE, signal));
    const known = await readListings(
      local,
      page.items.map((s) => s.itemId),
    );
    const rows = await pooled(page.items, PARALLEL, async (s) => {
      const link = known.get(s.itemId);
      const index = this.deps.inventory.index;
      // One marked ended that is back (a listing missed once, or relisted) is read again, so its item is listed again.
      if (link?.state === 'active' && link.summaryKey === summaryKey(s) && index.idsByEbayItemId(s.itemId).length > 0)
        return { s, unchanged: true as const };
      const details = await account.authorized((t) => getItem(http, api, t, s.itemId, signal));
      const { fields, quantity } = fromSite(details, this.skuFor(s.sku, s.itemId));
      return {
        s,
        fields,
        quantity,
        pictures: details.pictureUrls,
        url: details.viewUrl || listingUrl(settings, s.itemId),
      };
    });
    return { page, known, rows };
  }

  private async api(cp: Checkpoint, signal: AbortSignal): Promise<void> {
    const { account, http, local } = this.deps;
    const { api } = ebayHosts(await this.deps.settings());
    for (;;) {
      const page = await account.authorized((t) => getInventoryItems(http, api, t, cp.apiPage, API_PAGE, signal));
      cp.total = cp.siteTotal + page.total;
      const withOffers = await pooled(
        page.items.filter((i) => i.sku),
        PARALLEL,
        async (item) => ({ item, offers: await account.authorized((t) => getOffers(http, api, t, item.sku!, signal)) }),
      );
      const listed = withOffers.flatMap(({ item, offers }) => {
        const offer = offers.find((o) => o.status === 'PUBLISHED' && o.listing?.listingId);
        return offer ? [{ item, offer, listingId: offer.listing!.listingId! }] : [];
      });
      const known = await readListings(
        local,
        listed.map((l) => l.listingId),
      );
      const upserts = listed.map(({ item, offer, listingId: n }) => {
        const { fields, quantity } = fromApi(item, offer, n);
        const prior = known.get(n);
        const link: ListingDoc = {
          ...(prior ?? { _id: listingId(n), itemNumber: n, source: 'api' as const, summaryKey: '' }),
          state: 'active',
          url: listingUrl(this.settingsCache!, n),
          pictureUrls: item.product?.imageUrls ?? [],
          seenRun: cp.run,
        };
        return { row: { fields: { ...fields, sku: this.skuFor(fields.sku, n) }, quantity }, link };
      });
      await writeListings(local, await this.upsert(cp, upserts));
      cp.read += page.items.length;
      const last = !page.hasNext || page.items.length === 0;
      if (last) cp.phase = 'ending';
      else cp.apiPage++;
      await this.save(cp);
      if (last) return;
    }
  }

  private settingsCache: EbaySettings | null = null;

  private async pictures(cp: Checkpoint, signal: AbortSignal): Promise<void> {
    const given = this.deps.pictures;
    const settings = await this.deps.settings();
    if (!given || !settings.importPictures) return;
    const apiOrigin = ebayHosts(settings).api;
    const deps = { ...given, local: this.deps.local, inventory: this.deps.inventory, apiOrigin };
    await importPictures(deps, cp, signal, () => this.save(cp));
  }

  /** Listings active at the last import and not seen in this one ended on eBay. */
  private async ending(cp: Checkpoint): Promise<void> {
    const gone = await unseenActive(this.deps.local, cp.run);
    if (gone.length === 0) return;
    const index = this.deps.inventory.index;
    const ids = gone.flatMap((l) => index.idsByEbayItemId(l.itemNumber));
    const listed = ids.filter((id) => index.get(id)?.status === 'listed');
    if (ids.length > 0) await bulkEdit(this.deps.inventory, { ids }, { addTags: [ENDED_TAG] });
    if (listed.length > 0) await bulkEdit(this.deps.inventory, { ids: listed }, { status: 'ready' });
    const at = new Date().toISOString();
    await writeListings(
      this.deps.local,
      gone.map((l) => ({ ...l, state: 'ended', endedAt: at })),
    );
    cp.ended += gone.length;
  }

  /** The SKU to write under: the listing's own if an item has it, else the item holding this eBay number, else its own or EBAY-<number>. */
  private skuFor(sku: string, itemNumber: string): string {
    const index = this.deps.inventory.index;
    if (sku && index.idsBySku(sku).length > 0) return sku;
    const byNumber = index.idsByEbayItemId(itemNumber)[0];
    const existing = byNumber ? index.get(byNumber)?.sku : undefined;
    return existing ?? (sku || fallbackSku(itemNumber));
  }

  private async upsert(cp: Checkpoint, list: { row: UpsertRow; link: ListingDoc }[]): Promise<ListingDoc[]> {
    if (list.length === 0) return [];
    // Before the items change: their stock changes then match what eBay has, and owe nothing.
    await this.deps.outbox?.known(
      list.flatMap((l) => {
        const listing = (l.row.fields as ListingFields).ebayItemId;
        const sku = l.row.fields.sku;
        const kind = l.link.source === 'site' ? ('site' as const) : undefined;
        return listing && l.row.quantity !== undefined ? [{ listing, quantity: l.row.quantity, sku, kind }] : [];
      }),
    );
    const result = await bulkUpsertBySku(
      this.deps.inventory,
      list.map((l) => l.row),
    );
    cp.created += result.created.length;
    cp.updated += result.updated.length;
    cp.unchanged += result.unchanged.length;
    const failed = new Set(result.failed.map((f) => f.index));
    // Active on eBay again: the item's listing is no longer ended.
    const index = this.deps.inventory.index;
    const revived = list
      .filter((_, i) => !failed.has(i))
      .flatMap((l) => index.idsBySku(l.row.fields.sku))
      .filter((id) => index.get(id)?.tags.includes(ENDED_TAG));
    if (revived.length > 0) await bulkEdit(this.deps.inventory, { ids: revived }, { removeTags: [ENDED_TAG] });
    for (const f of result.failed) {
      const fields = list[f.index]!.row.fields as ListingFields;
      cp.failed.push({ itemNumber: fields.ebayItemId ?? '', sku: f.sku, message: f.message });
    }
    return list.filter((_, i) => !failed.has(i)).map((l) => l.link);
  }

  private async save(cp: Checkpoint): Promise<void> {
    this.settingsCache = await this.deps.settings();
    const res = await this.deps.local.put(cp);
    cp._rev = res.rev;
    this.deps.events.emit('ebay.import.progress', publicStatus(cp));
  }
}
