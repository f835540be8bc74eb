import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { seed, seedMany, inventoryForEachTest } from './support/inventory';

/** What the status bar says of one database, e.g. "inventory: 12 docs". */
const countShown = (db: string) =>
  screen.getByTestId('db-status').textContent?.match(new RegExp(`${db}: (\\d+) docs`))?.[1];

describe('Status bar database counts', () => {
  const h = inventoryForEachTest();

  it('follows writes made after the window opened, the last of a burst included', async () => {
    h.render();
    await waitFor(() => expect(countShown('inventory')).toBe('0'));

    await seed(h, 1);
    const afterOne = (await h.core.inventory.db.info()).doc_count;
    expect(afterOne).toBeGreaterThan(0);
    await waitFor(() => expect(countShown('inventory')).toBe(String(afterOne)));

    // A burst (as an import writes): reloads are spaced out, and the final count still arrives.
    await seedMany(h, 40);
    const afterBurst = (await h.core.inventory.db.info()).doc_count;
    expect(afterBurst).toBeGreaterThan(afterOne);
    await waitFor(() => expect(countShown('inventory')).toBe(String(afterBurst)));
  });
});
