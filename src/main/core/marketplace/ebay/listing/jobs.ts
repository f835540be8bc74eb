/**
 * The listing queue's records in the local-only database: one per item (publish or end, the
 * latest asked), and the address eBay gave each photo uploaded (by content hash, so a photo
 * goes to eBay once however many listings or revisions use it).
 */
import type { EbayListingState } from '@shared/api';
import type { Database } from '../../../db/open';

export type JobDoc = Omit<EbayListingState, 'nextAt' | 'revisionsToday'> & {
  _id: string;
  _rev?: string;
  nextAt: number | null;
  /** The UTC day revisions are counted for, and how many FlipSync made that day. */
  day: string;
  revisions: number;
  offerId: string | null;
};

interface ImageDoc {
  _id: string;
  _rev?: string;
  url: string;
  expiresAt: string | null;
}

/** Not `ebay-listing:`, which holds what the import read of each eBay listing. */
const JOB = (itemId: string) => `ebay-publish:${itemId}`;
const IMAGE = (environment: string, hash: string) => `ebay-image:${environment}:${hash}`;
const RANGE = { startkey: 'ebay-publish:', endkey: 'ebay-publish:\uffff' };

export const today = (now: number) => new Date(now).toISOString().slice(0, 10);

export function shown(doc: JobDoc, now: number): EbayListingState {
  const { _id: _i, _rev: _r, nextAt, day, revisions, offerId: _o, ...rest } = doc;
  return {
    ...rest,
    nextAt: nextAt === null ? null : new Date(nextAt).toISOString(),
    revisionsToday: day === today(now) ? revisions : 0,
  };
}

export class ListingJobs {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(private readonly local: Database) {}

  async get(itemId: string): Promise<JobDoc | null> {
    return this.local.get<JobDoc>(JOB(itemId)).catch(() => null);
  }

  /** Every job not done (pending, interrupted while sending, failed). */
  async open(): Promise<JobDoc[]> {
    const rows = await this.local.allDocs<JobDoc>({ ...RANGE, include_docs: true });
    return rows.rows.flatMap((r) => (r.doc && r.doc.state !== 'done' ? [r.doc] : []));
  }

  /** Read, change and write one job, one write after another (no two changes race). */
  update(itemId: string, change: (doc: JobDoc | null) => Omit<JobDoc, '_id' | '_rev'>): Promise<JobDoc> {
    const next = this.writing.then(async () => {
      const found = await this.get(itemId);
      const doc: JobDoc = { ...change(found), _id: JOB(itemId), ...(found?._rev ? { _rev: found._rev } : {}) };
      const res = await this.local.put(doc);
      return { ...doc, _rev: res.rev };
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  async image(environment: string, hash: string): Promise<ImageDoc | null> {
    return this.local.get<ImageDoc>(IMAGE(environment, hash)).catch(() => null);
  }

  /** Every eBay picture address FlipSync knows as one of its photos (uploaded, or imported). */
  async imageUrls(environment: string): Promise<Set<string>> {
    const prefix = IMAGE(environment, '');
    const rows = await this.local.allDocs<ImageDoc>({
      startkey: prefix,
      endkey: `${prefix}\uffff`,
      include_docs: true,
    });
    return new Set(rows.rows.flatMap((r) => (r.doc ? [r.doc.url] : [])));
  }

  async keepImage(environment: string, hash: string, url: string, expiresAt: string | null): Promise<void> {
    const found = await this.image(environment, hash);
    await this.local.put({ _id: IMAGE(environment, hash), ...(found ? { _rev: found._rev } : {}), url, expiresAt });
  }
}
