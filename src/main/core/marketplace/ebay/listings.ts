/**
 * What FlipSync remembers of each eBay listing it imported (local-only database): where it
 * came from, whether it is still active, its page and photos, and a key of the fields the
 * listing summary shows, so a re-import fetches details only for listings that changed.
 */
import type { Database } from '../../db/open';
import { readMany } from '../../db/read-many';

export interface ListingDoc {
  _id: string;
  _rev?: string;
  itemNumber: string;
  source: 'site' | 'api';
  state: 'active' | 'ended';
  url: string;
  pictureUrls: string[];
  summaryKey: string;
  /** The import run that last saw it active. */
  seenRun: string;
  endedAt?: string;
}

export const listingId = (itemNumber: string) => `ebay-listing:${itemNumber}`;

export async function readListings(db: Database, itemNumbers: string[]): Promise<Map<string, ListingDoc>> {
  const found = new Map<string, ListingDoc>();
  for (const { doc } of await readMany<ListingDoc>(db, itemNumbers.map(listingId)))
    if (doc) found.set(doc.itemNumber, doc);
  return found;
}

export async function writeListings(db: Database, docs: ListingDoc[]): Promise<void> {
  if (docs.length > 0) await db.bulkDocs(docs);
}

/** Listings active at the last import that this run has not seen. */
export async function unseenActive(db: Database, run: string): Promise<ListingDoc[]> {
  const res = await db.allDocs<ListingDoc>({
    startkey: 'ebay-listing:',
    endkey: 'ebay-listing:\uffff',
    include_docs: true,
  });
  return res.rows.flatMap((r) => (r.doc && r.doc.state === 'active' && r.doc.seenRun !== run ? [r.doc] : []));
}
