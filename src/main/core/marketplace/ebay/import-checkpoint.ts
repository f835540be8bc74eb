/**
 * The eBay import's checkpoint in the local-only database: where it is (phase, page, the last
 * listing whose picture was dealt with) and what it did, saved after every page so a stopped
 * or crashed import resumes there. The seller sees it without the bookkeeping fields.
 */
import type { EbayImportStatus } from '@shared/api';
import type { Database } from '../../db/open';

export type Checkpoint = EbayImportStatus & {
  _id: 'ebay-import';
  _rev?: string;
  run: string;
  sitePage: number;
  apiPage: number;
  siteTotal: number;
  picturesAfter: string;
};

/** What the seller sees of a checkpoint. */
export function publicStatus(cp: Checkpoint): EbayImportStatus {
  const { _id, _rev, run, sitePage, apiPage, siteTotal, picturesAfter, ...status } = cp;
  void [_id, _rev, run, sitePage, apiPage, siteTotal, picturesAfter];
  return status;
}

export const IDLE: EbayImportStatus = {
  state: 'idle',
  phase: 'site',
  read: 0,
  total: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  ended: 0,
  pictures: 0,
  picturesMissed: 0,
  failed: [],
  startedAt: null,
  finishedAt: null,
};

export async function readCheckpoint(local: Database): Promise<Checkpoint | null> {
  try {
    // Checkpoints written before pictures were imported lack their fields.
    const saved = await local.get<
      Partial<Checkpoint> & Omit<Checkpoint, 'pictures' | 'picturesMissed' | 'picturesAfter'>
    >('ebay-import');
    return { picturesAfter: '', pictures: 0, picturesMissed: 0, ...saved };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
