/**
 * The listing writer with eBay's category tree: with eBay connected it asks Taxonomy for leaf
 * categories and their required item specifics, and a proposal that leaves a required one
 * empty goes back to the model instead of to the seller. Every Taxonomy call is checked by the
 * double against eBay's contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import type { Proposal } from '../../../src/shared/api';
import { startOpenAiServer, type OpenAiServer, type RecordedRequest } from '../../support/openai-server';
import { ebayForEachTest } from '../../support/ebay/harness';
import { calls, says, waitRun, type AgentsHarness } from '../agents/harness';

const h = ebayForEachTest();
let ai: OpenAiServer;

const PHONES = { id: '15032', name: 'Cell Phones & Accessories' };
beforeEach(async () => {
  ai = await startOpenAiServer();
  await h.core.platform.secrets.set(API_KEY_SECRET, 'sk-test-category-0123456789');
  await h.call('settings.set', { ai: { preset: 'custom', baseUrl: ai.baseUrl, model: 'gpt-4o-mini' } });
  h.ebay.state.categories.push(
    { id: PHONES.id, name: PHONES.name, ancestors: [], leaf: false, words: ['phone'], aspects: [] },
    {
      id: '9355',
      name: 'Cell Phones & Smartphones',
      ancestors: [PHONES],
      leaf: true,
      words: ['phone', 'iphone', 'smartphone'],
      aspects: [
        { name: 'Brand', required: true, values: ['Apple', 'Samsung'] },
        { name: 'Model', required: true },
        { name: 'Storage Capacity', required: false, selectionOnly: true, values: ['64 GB', '128 GB'] },
      ],
    },
  );
});
afterEach(async () => {
  await ai.close();
});

const listing = (itemId: string, category: string, specifics: { name: string; value: string }[]) => ({
  itemId,
  title: 'Apple iPhone 12 64GB Black Unlocked',
  description: 'Works; light scratches on the back.',
  condition: 'Used - Good',
  specifics,
  category,
  confidence: 0.8,
  why: 'From the item fields.',
});

/** What the app sent back to the model for its last tool call, in request `n`. */
function lastToolResult(n: number): string {
  const chats = ai.requests.filter((r: RecordedRequest) => r.path.endsWith('/chat/completions'));
  const messages = chats[n]!.body!.messages as { role: string; content: string }[];
  return messages.filter((m) => m.role === 'tool').at(-1)!.content;
}

async function run(itemId: string): Promise<{ outcome: string; proposal: Proposal | undefined }> {
  const { runId } = await h.call<{ runId: string }>('agents.run', { agent: 'listing', input: `List ${itemId}` });
  const done = await waitRun({ core: h.core } as AgentsHarness, runId);
  const { proposals } = await h.call<{ proposals: Proposal[] }>('proposals.list', {});
  return { outcome: done.outcome, proposal: proposals.find((p) => p.runId === runId) };
}

describe('listing writer and eBay categories', () => {
  it('finds the leaf category, is sent back for a missing required specific, and names the category it sets', async () => {
    await h.connect('relay');
    const item = await h.core.inventory.create({ sku: 'IPH-12', title: 'iphone 12 64gb', quantity: 1 });
    ai.chat.push(
      calls(['find_ebay_category', { query: 'Apple iPhone 12 smartphone' }]),
      calls(['propose_listing', listing(item.id, '9355', [{ name: 'Brand', value: 'Apple' }])]),
      calls([
        'propose_listing',
        listing(item.id, '9355', [
          { name: 'Brand', value: 'Apple' },
          { name: 'Model', value: 'Apple iPhone 12' },
        ]),
      ]),
      says('Proposed.'),
    );
    const { outcome, proposal } = await run(item.id);
    expect(outcome).toBe('succeeded');

    const found = JSON.parse(lastToolResult(1)) as { categories: unknown[] };
    expect(found.categories).toEqual([
      {
        categoryId: '9355',
        path: 'Cell Phones & Accessories > Cell Phones & Smartphones',
        requiredSpecifics: [{ name: 'Brand', values: ['Apple', 'Samsung'], onlyThese: false }, { name: 'Model' }],
        recommendedSpecifics: ['Storage Capacity'],
      },
    ]);
    expect(lastToolResult(2)).toContain(
      'eBay category 9355 requires these item specifics, which the listing leaves empty: Model.',
    );
    expect(proposal?.after.category).toBe('Cell Phones & Smartphones (9355)');
    expect(proposal?.why).toContain('eBay category 9355: its required item specifics (Brand, Model) are filled.');
    // The category's specifics were read from eBay once and remembered.
    expect(h.ebay.state.calls.filter((c) => c === 'taxonomy:aspects:9355')).toHaveLength(1);
    expect(h.ebay.violations).toEqual([]);
  });

  it("passes eBay's refusal of a category that is not a leaf back to the model", async () => {
    await h.connect('own-keys');
    const item = await h.core.inventory.create({ sku: 'IPH-13', title: 'iphone 13', quantity: 1 });
    ai.chat.push(
      calls(['propose_listing', listing(item.id, PHONES.id, [{ name: 'Brand', value: 'Apple' }])]),
      says('eBay wants a leaf category; I could not propose one.'),
    );
    const { proposal } = await run(item.id);
    expect(lastToolResult(1)).toMatch(/eBay category 15032: .*leaf category/);
    expect(proposal).toBeUndefined();
    expect(h.ebay.violations).toEqual([]);
  });

  it('without eBay: says it is not connected, and a category in words is kept as written', async () => {
    const item = await h.core.inventory.create({ sku: 'IPH-14', title: 'iphone 14', quantity: 1 });
    ai.chat.push(
      calls(['find_ebay_category', { query: 'iPhone 14' }]),
      calls(['propose_listing', listing(item.id, 'Cell Phones', [{ name: 'Brand', value: 'Apple' }])]),
      says('Proposed.'),
    );
    const { proposal } = await run(item.id);
    expect(JSON.parse(lastToolResult(1))).toMatchObject({ connected: false });
    expect(proposal?.after.category).toBe('Cell Phones');
    expect(h.ebay.state.calls.some((c) => c.startsWith('taxonomy:'))).toBe(false);
  });
});
