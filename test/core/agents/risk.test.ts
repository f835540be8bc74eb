import { describe, expect, it } from 'vitest';
import { proposalsFor } from '../../../src/main/core/agents/definitions/health';
import type { HealthRow } from '../../../src/main/core/agents/health/scan';
import { riskOf } from '../../../src/main/core/agents/proposals';

const autonomy = { mode: 'auto' as const, minConfidence: 0.5, maxAutoPriceCutPct: 10 };
const row = (listPrice: number): HealthRow => ({
  id: 'item:1',
  rev: '1-a',
  sku: 'S',
  title: 't',
  status: 'listed',
  quantity: 1,
  cost: null,
  listPrice,
  fees: null,
  listedAt: '2025-01-01',
  brand: 'b',
  condition: 'c',
  photos: 1,
  specifics: 1,
});
const markdownOf = (price: number) => {
  const [p] = proposalsFor({ row: row(price), problems: ['stale'] }, { marginPct: 30, belowBreakEven: false }, String);
  return p!;
};

describe('riskOf judges the intended price change, not the rounded price', () => {
  it('gives every 10% markdown the same label, whichever way its cents round', () => {
    // 19.99 → 17.99 is 10.005% once rounded to cents; 20 → 18 is exactly 10%.
    const prices = [20, 19.99, 14.99, 9.95, 7.77, 123.45, 0.99];
    const labels = prices.map((price) => [price, riskOf(markdownOf(price), autonomy)]);
    expect(labels).toEqual(prices.map((price) => [price, 'low']));
  });

  it('still holds back a cut beyond the limit, even by one cent past its rounding', () => {
    const cut = (from: number, to: number) =>
      riskOf({ kind: 'markdown', before: { listPrice: from }, after: { listPrice: to } }, autonomy);
    expect(cut(20, 17.99)).toBe('high');
    expect(cut(19.99, 17.98)).toBe('high');
    expect(cut(100, 89)).toBe('high');
    expect(cut(100, 90)).toBe('low');
  });
});
