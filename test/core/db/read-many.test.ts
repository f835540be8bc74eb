import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/main/core/db/open';
import { readMany } from '../../../src/main/core/db/read-many';
import { tempDir } from '../../support/temp-dir';

describe('reading many documents by id', () => {
  let db: Database;
  let remove: () => Promise<void>;
  let folder: string;
  beforeEach(async () => {
    const dir = await tempDir();
    remove = dir.remove;
    folder = dir.path;
    db = await openDatabase(dir.path, 'inventory');
  });
  afterEach(async () => {
    await db.close();
    await remove();
  });

  it('answers what allDocs with keys answers: in order, the winning body, missing and deleted told apart', async () => {
    await db.bulkDocs([{ _id: 'a', n: 1 }, { _id: 'b', n: 2 }, { _id: 'gone' }]);
    const a = await db.get<{ n: number }>('a');
    await db.put({ ...a, n: 10 });
    await db.remove(await db.get('gone'));

    const ids = ['b', 'missing', 'a', 'gone', 'b'];
    const found = await readMany<{ n: number }>(db, ids);
    expect(found.map((f) => [f.id, f.doc?.n ?? null, f.deleted])).toEqual([
      ['b', 2, false],
      ['missing', null, false],
      ['a', 10, false],
      ['gone', null, true],
      ['b', 2, false],
    ]);
    // The same answers as PouchDB's own keys query, which it replaces.
    const keyed = await db.allDocs<{ n: number }>({ keys: ids, include_docs: true });
    expect(found.map((f) => f.doc?._rev ?? null)).toEqual(keyed.rows.map((r) => ('doc' in r && r.doc?._rev) || null));
    expect(found.map((f) => f.deleted)).toEqual(keyed.rows.map((r) => 'value' in r && r.value.deleted === true));
  });

  it('passes on an error that is not "not found"', async () => {
    await db.close();
    await expect(readMany(db, ['a'])).rejects.toThrow(/closed/i);
    db = await openDatabase(folder, 'inventory');
  });
});
