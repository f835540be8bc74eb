/**
 * The outbox's sender: sends the entries that are due, site listings four to a call
 * (ReviseInventoryStatus), others one by one (Inventory API, or Trading for a listing whose
 * kind is not known yet), and records what eBay accepted in batches. What eBay refuses waits
 * with backoff, is held until the next UTC day past 250 revisions, or fails for the seller.
 */
import type { EbaySettings } from '@shared/api';
import type { EbayAccount } from './account';
import { EbayError } from './errors';
import { ebayHosts } from './hosts';
import type { EbayHttp } from './http';
import type { OutboxDoc, OutboxEntries } from './outbox-entries';
import { kindOf, setQuantity, setSiteQuantities, type ListingKind } from './stock-calls';

export const REVISIONS_PER_DAY = 250;
const MAX_BACKOFF_MS = 5 * 60_000;
/** Sent entries are recorded in batches of this many (one read and one write each). */
const RECORD_EVERY = 50;
/** ReviseInventoryStatus takes up to four listings. */
const SITE_BATCH = 4;

interface Accepted {
  doc: OutboxDoc;
  target: ListingKind;
  at: string;
}

export interface SenderDeps {
  entries: OutboxEntries;
  account: EbayAccount;
  http: EbayHttp;
  settings: () => Promise<EbaySettings>;
  now: () => number;
  closed: () => boolean;
  /** True while sync brings in other devices' changes: the stock is not merged yet. */
  syncCatchingUp: () => boolean;
}

/** Shown on the outbox while it waits for sync (a half-merged stock is no quantity to send). */
export const WAITING_FOR_SYNC =
  'Waiting for sync to bring in the other devices’ changes, so eBay gets the merged stock, not a half-merged one.';

export class OutboxSender {
  /** Whether the last send found sync catching up and sent nothing. */
  waitingForSync = false;

  constructor(private readonly deps: SenderDeps) {}

  private now(): number {
    return this.deps.now();
  }

  private get entries(): OutboxEntries {
    return this.deps.entries;
  }

  /** Sends what is due; answers false when sending is off or eBay is not connected (nothing tried). */
  async send(): Promise<boolean> {
    const settings = await this.deps.settings();
    if (!settings.pushStock || this.deps.closed()) return false;
    if (!(await this.deps.account.status()).connected) return false;
    // A device catching up (its first sync, or back from offline) may hold an item with only
    // some of its movements: the stock it shows was never true, and eBay would sell from it.
    this.waitingForSync = this.deps.syncCatchingUp();
    if (this.waitingForSync) return false;
    const api = ebayHosts(settings).api;
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const accepted: Accepted[] = [];
    const sites: OutboxDoc[] = [];
    for (const entry of await this.entries.owed()) {
      if (this.deps.closed()) break; // what eBay accepted so far is still recorded
      if (entry.state === 'sent' || entry.state === 'failed') continue;
      if (entry.nextAt !== null && entry.nextAt > this.now()) continue;
      const doc = entry.day === day ? entry : { ...entry, day, revisions: 0 };
      if (doc.revisions >= REVISIONS_PER_DAY) {
        await this.entries.update(doc.listing, (now) => ({
          ...this.heldUntilTomorrow(now ?? doc),
          day,
          revisions: doc.revisions,
        }));
        continue;
      }
      // Site listings go four to a call (eBay's most for ReviseInventoryStatus); others one by one.
      if (doc.kind === 'site') {
        sites.push(doc);
        if (sites.length === SITE_BATCH) accepted.push(...(await this.sendSites(sites.splice(0), api)));
      } else {
        const sent = await this.sendOne(doc, api);
        if (sent) accepted.push(sent);
      }
      if (accepted.length >= RECORD_EVERY) await this.recordSent(accepted.splice(0));
    }
    if (sites.length > 0 && !this.deps.closed()) accepted.push(...(await this.sendSites(sites, api)));
    await this.recordSent(accepted);
    return true;
  }

  /**
   * Site listings in one call. Those eBay does not confirm (it refused the call, or part of it)
   * are sent again one by one, to learn whose the fault is; one it took already is set again
   * to the same number.
   */
  private async sendSites(docs: OutboxDoc[], api: string): Promise<Accepted[]> {
    const accepted: Accepted[] = [];
    let alone = docs;
    if (docs.length > 1) {
      const confirmed = await this.deps.account
        .authorized((token) =>
          setSiteQuantities(
            this.deps.http,
            api,
            token,
            docs.map((d) => ({ listing: d.listing, quantity: d.quantity })),
          ),
        )
        .catch(async (error: unknown) => {
          // Unreachable, busy or down: every one of them waits, as one alone would.
          if (!(error instanceof EbayError) || error.kind !== 'request') {
            for (const doc of docs) await this.failed(doc, error);
            return null;
          }
          return new Set<string>();
        });
      if (!confirmed) return [];
      const at = new Date(this.now()).toISOString();
      for (const doc of docs) if (confirmed.has(doc.listing)) accepted.push({ doc, target: { kind: 'site' }, at });
      alone = docs.filter((doc) => !confirmed.has(doc.listing));
    }
    for (const doc of alone) {
      const sent = await this.sendOne(doc, api);
      if (sent) accepted.push(sent);
    }
    return accepted;
  }

  /**
   * What eBay accepted, written in one go: a crash before it sends those again after the
   * restart, which changes nothing (the quantities are absolute). A newer quantity that came
   * meanwhile stays owed.
   */
  private async recordSent(accepted: Accepted[]): Promise<void> {
    await this.entries.updateMany(
      accepted.map(({ doc, target, at }) => ({
        listing: doc.listing,
        change: (found) => {
          const now = found ?? doc;
          return {
            ...now,
            kind: target.kind,
            ...(target.kind === 'api' ? { offerId: target.offerId } : {}),
            known: doc.quantity,
            state: now.quantity === doc.quantity ? 'sent' : 'pending',
            day: doc.day,
            revisions: doc.revisions + 1,
            attempts: 0,
            nextAt: null,
            reason: null,
            sentAt: at,
          };
        },
      })),
    );
  }

  /** Sends one entry: answers what eBay accepted, or null when it failed (recorded already). */
  private async sendOne(doc: OutboxDoc, api: string): Promise<Accepted | null> {
    const { account, http } = this.deps;
    try {
      const target = await account.authorized(async (token) => {
        const kind =
          doc.kind === 'api' && doc.offerId
            ? { kind: 'api' as const, offerId: doc.offerId }
            : doc.kind === 'site'
              ? { kind: 'site' as const }
              : await kindOf(http, api, token, doc.sku, doc.listing);
        await setQuantity(http, api, token, { ...kind, sku: doc.sku, listing: doc.listing }, doc.quantity);
        return kind;
      });
      return { doc, target, at: new Date(this.now()).toISOString() };
    } catch (error) {
      await this.failed(doc, error);
      return null;
    }
  }

  /** An entry eBay did not take: held (revision limit), waiting with backoff, or failed for good. */
  private async failed(doc: OutboxDoc, error: unknown): Promise<void> {
    const e = error instanceof EbayError ? error : null;
    if (e && isRevisionLimit(e)) {
      // Revisions made elsewhere (another device, Seller Hub) count too: eBay's word decides.
      await this.entries.update(doc.listing, (found) => ({
        ...this.heldUntilTomorrow(found ?? doc),
        revisions: REVISIONS_PER_DAY,
      }));
      return;
    }
    const retry = !e || e.kind !== 'request';
    const attempts = doc.attempts + 1;
    await this.entries.update(doc.listing, (found) => ({
      ...(found ?? doc),
      state: retry ? 'pending' : 'failed',
      attempts,
      nextAt: retry ? this.now() + Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 12)) : null,
      reason: `${e?.message ?? (error instanceof Error ? error.message : String(error))}${e?.hint ? ` ${e.hint}` : ''}`,
    }));
  }

  private heldUntilTomorrow(doc: OutboxDoc): OutboxDoc {
    const day = new Date(this.now()).toISOString().slice(0, 10);
    const tomorrow = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
    return {
      ...doc,
      day,
      state: 'held',
      nextAt: tomorrow,
      reason: `eBay allows ${REVISIONS_PER_DAY} revisions of a listing a day; this update waits until ${new Date(tomorrow).toISOString().slice(0, 10)} (UTC).`,
    };
  }
}

/** eBay's refusal of a revision past its daily limit (Trading 21919144; Inventory 25019 says so in words). */
function isRevisionLimit(e: EbayError): boolean {
  return e.errorId === 21919144 || (e.errorId === 25019 && /revision/i.test(e.message));
}
