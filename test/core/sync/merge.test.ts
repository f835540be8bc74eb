import { describe, expect, it } from 'vitest';
import { mergeItemVersions, type ItemVersion } from '../../../src/main/core/sync/merge';
import type { ItemFields } from '../../../src/shared/domain/inventory';
import { newItemDoc } from './devices';

const T0 = '2026-11-01T10:00:00.000Z';
const T1 = '2026-11-02T10:00:00.000Z';
const T2 = '2026-11-03T10:00:00.000Z';
const base = newItemDoc({ sku: 'M-1', title: 'Mug', listPrice: 10, tags: ['a'] }, T0);

function version(rev: string, change: Partial<ItemFields>, at: string): ItemVersion {
  const v = structuredClone(base) as ItemVersion;
  v._rev = rev;
  Object.assign(v.fields, change);
  for (const key of Object.keys(change)) (v.fieldTimes as Record<string, string>)[key] = at;
  v.updatedAt = at;
  return v;
}

describe('field-by-field merge', () => {
  it('keeps edits to different fields from both sides, with no conflict to show', () => {
    const merged = mergeItemVersions([
      version('2-a', { title: 'Blue mug' }, T1),
      version('2-b', { listPrice: 12 }, T2),
    ]);
    expect(merged.fields).toMatchObject({ title: 'Blue mug', listPrice: 12, sku: 'M-1' });
    expect(merged.fieldTimes).toMatchObject({ title: T1, listPrice: T2, sku: T0 });
    expect(merged.conflicts).toEqual([]);
    expect(merged.updatedAt).toBe(T2);
  });

  it('lets the newest edit of a field win and keeps the other value with its rev and time', () => {
    const merged = mergeItemVersions([
      version('2-a', { listPrice: 15, tags: ['a', 'vintage'] }, T2),
      version('2-b', { listPrice: 9 }, T1),
    ]);
    expect(merged.fields.listPrice).toBe(15);
    expect(merged.fields.tags).toEqual(['a', 'vintage']);
    expect(merged.conflicts).toEqual([{ field: 'listPrice', value: 9, changedAt: T1, rev: '2-b' }]);
  });

  it('gives every device the same answer whatever order it sees the versions in, ties included', () => {
    const a = version('3-aaa', { title: 'From A', notes: 'n-a' }, T1);
    const b = version('3-bbb', { title: 'From B', notes: 'n-b' }, T1);
    const c = version('2-ccc', { listPrice: 11 }, T2);
    const one = mergeItemVersions([a, b, c]);
    expect(mergeItemVersions([c, b, a])).toEqual(one);
    expect(mergeItemVersions([b, c, a])).toEqual(one);
    // Equal times: the higher revision wins, and the other value is still kept.
    expect(one.fields).toMatchObject({ title: 'From B', notes: 'n-b', listPrice: 11 });
    expect(one.conflicts.map((c) => [c.field, c.value, c.rev])).toEqual([
      ['notes', 'n-a', '3-aaa'],
      ['title', 'From A', '3-aaa'],
    ]);
  });

  it('carries kept values from every version and drops those that became current', () => {
    const a = version('4-a', { listPrice: 20 }, T2);
    a.conflicts = [{ field: 'title', value: 'Old title', changedAt: T0, rev: '2-x' }];
    const b = version('4-b', { title: 'Mug' }, T1);
    b.conflicts = [{ field: 'listPrice', value: 20, changedAt: T1, rev: '3-y' }];
    const merged = mergeItemVersions([a, b]);
    expect(merged.fields.listPrice).toBe(20);
    expect(merged.conflicts).toEqual([{ field: 'title', value: 'Old title', changedAt: T0, rev: '2-x' }]);
  });

  it('compares values by content, not by key order', () => {
    const a = version('2-a', { specifics: [{ name: 'Color', value: 'Red' }] }, T1);
    const b = version('2-b', {}, T0);
    b.fields.specifics = [{ value: 'Red', name: 'Color' }];
    (b.fieldTimes as Record<string, string>).specifics = T2;
    expect(mergeItemVersions([a, b]).conflicts).toEqual([]);
  });
});

describe('merge with revision histories and edit logs', () => {
  // Both devices hold 2-x (a title edit at 10:00) and then edit offline; B's clock is slow.
  function offline(rev: string, change: Partial<ItemFields>, at: string): ItemVersion {
    const v = version(rev, change, at);
    v.edits = [
      { gen: 2, at: '2026-11-01T10:00:00.000Z', fields: ['title'] },
      { gen: 3, at, fields: Object.keys(change) as (keyof ItemFields)[] },
    ];
    v._revisions = { start: 3, ids: [rev.slice(2), 'x', 'root'] };
    return v;
  }

  it('keeps an edit whose device clock ran behind the shared history, instead of taking it for the ancestor', () => {
    const shared = { title: 'Blue mug' };
    const a = offline('3-a', { ...shared, listPrice: 15 }, '2026-11-01T10:05:00.000Z');
    const b = offline('3-b', { ...shared, listPrice: 12 }, '2026-11-01T09:59:30.000Z'); // really 10:01
    for (const v of [a, b]) v.fieldTimes.title = '2026-11-01T10:00:00.000Z';
    const merged = mergeItemVersions([a, b]);
    expect(merged.fields.listPrice).toBe(15);
    expect(merged.conflicts.map((c) => [c.field, c.value, c.rev])).toEqual([['listPrice', 12, '3-b']]);
    // The logs travel on, with the merge's own entry (generation 4: the price it changed on 3-b).
    expect(merged.edits?.map((e) => [e.gen, e.fields])).toEqual([
      [2, ['title']],
      [3, ['title', 'listPrice']],
      [3, ['title', 'listPrice']],
      [4, ['listPrice']],
    ]);
  });

  it('lets an edit win over the ancestor’s value even when its clock says it is older', () => {
    // Only B changed the price, but B's clock is a day behind the price's shared time.
    const a = offline('3-a', { tags: ['b'] }, T2);
    const b = offline('3-b', { listPrice: 11 }, '2026-10-31T10:00:00.000Z');
    const merged = mergeItemVersions([a, b]);
    expect(merged.fields).toMatchObject({ listPrice: 11, tags: ['b'] });
    expect(merged.conflicts).toEqual([]);
  });

  it('keeps what a merge chose when the merge itself is merged again', () => {
    // A (clock an hour slow) sets the price; B retitles. The merge keeps A's price on top of 3-b.
    const a = offline('3-a', { listPrice: 15 }, '2026-11-01T09:00:00.000Z');
    const b = offline('3-b', { title: 'Blue mug' }, '2026-11-01T10:05:00.000Z');
    const first = mergeItemVersions([a, b]);
    expect(first.fields.listPrice).toBe(15);
    // A device still on 3-b edits the notes; its price is the ancestor's, stamped later than A's.
    const m = {
      ...first,
      _id: a._id,
      _rev: '4-m',
      _revisions: { start: 4, ids: ['m', 'b', 'x', 'root'] },
    } as ItemVersion;
    const p = structuredClone(b);
    p._rev = '4-p';
    p._revisions = { start: 4, ids: ['p', 'b', 'x', 'root'] };
    p.fields.notes = 'Chip on the rim';
    p.fieldTimes.notes = '2026-11-01T10:10:00.000Z';
    p.edits = [...(b.edits ?? []), { gen: 4, at: '2026-11-01T10:10:00.000Z', fields: ['notes'] }];
    const again = mergeItemVersions([m, p]);
    expect(again.fields).toMatchObject({ listPrice: 15, title: 'Blue mug', notes: 'Chip on the rim' });
  });
});
