import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { coreForEachTest, startCore } from '../../support/core';
import { call, callFails } from '../inventory-io/helpers';

describe('undoing a bulk edit', () => {
  const h = coreForEachTest();

  async function seed(count: number) {
    const rows = Array.from({ length: count }, (_, i) => `U-${String(i).padStart(4, '0')},Item ${i},1,${10 + i}`);
    await call(h.core, 'inventory.import.run', { text: `SKU,Title,Quantity,List price\n${rows.join('\n')}\n` });
    const ids: string[] = [];
    for (let offset = 0; offset < count; offset += 500) {
      const page = await call(h.core, 'inventory.list', { limit: 500, offset, sort: 'sku', dir: 'asc' });
      ids.push(...page.items.map((i) => i.id));
    }
    return ids;
  }
  const prices = async (ids: string[]) =>
    Promise.all(ids.map(async (id) => (await call(h.core, 'inventory.get', { id })).listPrice));

  it('puts back every value the edit set (over more than one journal part), once, even when asked twice', async () => {
    const ids = await seed(2_500);
    const before = await prices(ids);
    const operationId = ulid();
    const edit = { ids, change: { price: { byPercent: 10 }, addTags: ['sale'] }, operationId };
    expect(await call(h.core, 'inventory.bulkEdit', edit)).toMatchObject({ changed: 2_500 });

    const undoId = ulid();
    const undone = await call(h.core, 'operations.undo', { id: operationId, undoId });
    expect(undone).toMatchObject({ id: undoId, changed: 2_500, kept: 0, failed: 0 });
    expect(await prices(ids)).toEqual(before);
    expect((await call(h.core, 'inventory.get', { id: ids[0]! })).tags).toEqual([]);

    // The same request again (a retry) answers the first result and writes nothing.
    const revs = await Promise.all(
      ids.slice(0, 5).map(async (id) => (await call(h.core, 'inventory.get', { id })).rev),
    );
    expect(await call(h.core, 'operations.undo', { id: operationId, undoId })).toEqual(undone);
    const again = await Promise.all(
      ids.slice(0, 5).map(async (id) => (await call(h.core, 'inventory.get', { id })).rev),
    );
    expect(again).toEqual(revs);
    // A new request to undo it again is refused in words.
    const twice = await callFails(h.core, 'operations.undo', { id: operationId });
    expect(twice).toMatchObject({ code: 'CONFLICT', message: 'This bulk edit was already undone.' });
  });

  it('leaves items changed since the edit (here by a later edit) as they are, and survives a restart before the undo', async () => {
    const ids = await seed(3);
    const operationId = ulid();
    await call(h.core, 'inventory.bulkEdit', { ids, change: { status: 'listed' }, operationId });
    await call(h.core, 'inventory.bulkEdit', { ids: [ids[1]!], change: { status: 'archived' } });
    await h.core.close();
    h.core = await startCore(h.dir);

    const undone = await call(h.core, 'operations.undo', { id: operationId });
    expect(undone).toMatchObject({ changed: 2, kept: 1 });
    const statuses = await Promise.all(ids.map(async (id) => (await call(h.core, 'inventory.get', { id })).status));
    expect(statuses).toEqual(['draft', 'archived', 'draft']);
  });

  it('refuses an import, an unknown operation, and says why', async () => {
    const importId = ulid();
    await call(h.core, 'inventory.import.run', { text: 'SKU,Title\nI-1,One\n', importId });
    const notEdit = await callFails(h.core, 'operations.undo', { id: importId });
    expect(notEdit).toMatchObject({ code: 'BAD_REQUEST', message: 'Only a bulk edit can be undone this way.' });
    const unknown = await callFails(h.core, 'operations.undo', { id: ulid() });
    expect(unknown).toMatchObject({
      code: 'NOT_FOUND',
      hint: 'Only the last 20 imports and bulk edits can be undone.',
    });
    const bad = await callFails(h.core, 'operations.undo', { id: 'op-1' });
    expect(bad.code).toBe('INVALID_INPUT');
  });
});
