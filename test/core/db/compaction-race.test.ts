import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/core/db/open';
import { tempDir } from '../../support/temp-dir';

/**
 * PouchDB's LevelDB adapter reads a document's metadata, then its body; auto-compaction can
 * delete that body in between when the document is written again (apache/pouchdb#4518,
 * #1742). Unpatched, the reader throws inside a LevelDB callback and the changes feed or
 * allDocs never finishes: under load in CI this stalled replication between two devices.
 * `patches/pouchdb+9.0.0.patch` makes both readers skip to (or re-read) the current winner.
 */
describe('reading while auto-compaction removes old bodies', () => {
  it('changes and allDocs finish and give every document while its conflicts are written over', async () => {
    const dir = await tempDir();
    const db = await openDatabase(dir.path, 'inventory');
    try {
      for (let round = 0; round < 30; round++) {
        const ids = Array.from({ length: 200 }, (_, i) => `doc-${round}-${i}`);
        const first = await db.bulkDocs(ids.map((_id) => ({ _id, v: 0 })));
        // A losing conflict arrives by replication after the winner: the newest sequence of
        // each document is then not its winner, so readers fetch the winner's body separately.
        await db.bulkDocs(
          ids.map((_id) => ({ _id, _rev: '1-0000000000000000000000000000000a', v: -1 })),
          { new_edits: false },
        );
        const revs = new Map(first.map((r) => [r.id, (r as PouchDB.Core.Response).rev]));
        const reading = Promise.all([
          db.changes({ since: 0, include_docs: true, style: 'all_docs' }),
          db.changes({ since: 0, include_docs: true }),
          db.allDocs({ include_docs: true, startkey: `doc-${round}-`, endkey: `doc-${round}-\uffff` }),
        ]);
        await Promise.all(
          ids.map(async (_id) => {
            const edited = await db.put({ _id, _rev: revs.get(_id), v: 1 });
            await db.put({ _id, _rev: edited.rev, v: 2 });
          }),
        );
        const [, , all] = await reading;
        expect(all.rows.length).toBe(ids.length);
        for (const row of all.rows) expect(row.doc?._id).toBe(row.id);
      }
    } finally {
      await db.close();
      await dir.remove();
    }
  }, 300_000);
});
