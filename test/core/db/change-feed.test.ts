import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeFeedOf, type Change } from '../../../src/main/core/db/change-feed';
import { openDatabase, type Database } from '../../../src/main/core/db/open';
import { tempDir } from '../../support/temp-dir';

describe('the shared changes feed', () => {
  let db: Database;
  let remove: () => Promise<void>;
  beforeEach(async () => {
    const dir = await tempDir();
    remove = dir.remove;
    db = await openDatabase(dir.path, 'inventory');
  });
  afterEach(async () => {
    await db.close();
    await remove();
  });

  const put = (ids: string[]) => db.bulkDocs(ids.map((_id) => ({ _id })));
  const until = (seen: Change[], count: number) => vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(count));

  it('gives a follower the changes after its sequence, then every later one, while others follow too', async () => {
    await put(['a', 'b', 'c']);
    const since = (await db.info()).update_seq as number;
    await put(['d', 'e']);

    const fromStart: Change[] = [];
    const fromSince: Change[] = [];
    const fromNow: Change[] = [];
    const feed = changeFeedOf(db, 'inventory');
    const one = feed.follow(0, (c) => fromStart.push(c));
    const two = feed.follow(since, (c) => fromSince.push(c));
    const three = feed.follow('now', (c) => fromNow.push(c));
    await until(fromStart, 5);
    await until(fromSince, 2);
    // Written while the followers catch up and after: nothing is missed, in either of them.
    const later = Array.from({ length: 300 }, (_, i) => `later-${String(i).padStart(3, '0')}`);
    await Promise.all([put(later.slice(0, 150)), put(later.slice(150))]);
    await until(fromStart, 305);
    await until(fromSince, 302);
    await vi.waitFor(() => expect(new Set(fromNow.map((c) => c.id))).toEqual(new Set(later)));

    expect(new Set(fromStart.map((c) => c.id))).toEqual(new Set(['a', 'b', 'c', 'd', 'e', ...later]));
    expect(new Set(fromSince.map((c) => c.id))).toEqual(new Set(['d', 'e', ...later]));
    expect(fromNow.some((c) => ['a', 'b', 'c', 'd', 'e'].includes(c.id))).toBe(false);
    for (const c of fromStart) expect(c.rev).toMatch(/^1-/);
    one.cancel();
    two.cancel();
    three.cancel();
  });

  it('reads the database once per change however many follow it', async () => {
    const feed = changeFeedOf(db, 'inventory');
    expect(changeFeedOf(db, 'inventory')).toBe(feed);
    const seen: Change[][] = [[], [], [], []];
    const following = seen.map((list) => feed.follow('now', (c) => list.push(c)));
    // Started: the first write below is delivered to all of them.
    await put(['first']);
    for (const list of seen) await until(list, 1);

    const reads = vi.spyOn(db, 'changes');
    await put(Array.from({ length: 50 }, (_, i) => `x${i}`));
    for (const list of seen) await until(list, 51);
    // PouchDB's live feed reads the new changes once per write it is told of; one write, four
    // followers, one read (a feed each would read four times).
    expect(reads).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    following.forEach((f) => f.cancel());
  });

  it('stops delivering to a follower that cancels, and stops the feed when the last one goes', async () => {
    const feed = changeFeedOf(db, 'inventory');
    const kept: Change[] = [];
    const gone: Change[] = [];
    const keep = feed.follow('now', (c) => kept.push(c));
    const leave = feed.follow('now', (c) => gone.push(c));
    await put(['one']);
    await until(kept, 1);
    await until(gone, 1);
    leave.cancel();
    await put(['two']);
    await until(kept, 2);
    expect(gone.map((c) => c.id)).toEqual(['one']);
    keep.cancel();
    // A new follower after everyone left starts it again.
    const again: Change[] = [];
    const back = feed.follow('now', (c) => again.push(c));
    await vi.waitFor(async () => {
      await put([`three-${again.length}-${Date.now()}`]);
      expect(again.length).toBeGreaterThan(0);
    });
    back.cancel();
  });
});
