/**
 * Real data for the Agents and Approvals page tests: items created through inventory.create
 * and an inventory health run through agents.run, so real proposals exist with no AI server.
 */
import type { Core } from '../../../src/main/core/core';
import { callCore as call } from './page';

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const photo = { hash: 'b'.repeat(64), ext: 'jpg' as const };

/**
 * Two items the health scan proposes exactly one change for each: a listing 120 days old
 * (markdown 40 → 36) and one priced below cost plus fees (raise 20 → target-margin price).
 */
export async function seedProblems(core: Core) {
  const stale = await call(core, 'inventory.create', {
    sku: 'OLD-1',
    title: 'Pyrex bowl',
    status: 'listed',
    listPrice: 40,
    cost: 5,
    listedAt: daysAgo(120),
    quantity: 3,
    specifics: [{ name: 'Brand', value: 'Pyrex' }],
    photos: [photo],
  });
  const below = await call(core, 'inventory.create', {
    sku: 'LOW-1',
    title: 'Nike sneakers',
    status: 'listed',
    listPrice: 20,
    cost: 25,
    listedAt: daysAgo(5),
    quantity: 2,
    specifics: [{ name: 'Size', value: '10' }],
    photos: [photo],
  });
  return { stale, below };
}

/** Runs the rule-based health scan to its end, as a button press would start it. */
export async function runHealth(core: Core) {
  const { runId } = await call(core, 'agents.run', { agent: 'health' });
  const end = Date.now() + 30_000;
  while (core.agents.isRunning(runId)) {
    if (Date.now() > end) throw new Error('the health run did not end');
    await new Promise((r) => setTimeout(r, 10));
  }
  return runId;
}
