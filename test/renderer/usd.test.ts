import { describe, expect, it } from 'vitest';
import { usd } from '../../src/renderer/src/pages/dashboard/usd';

describe('the AI spend axis', () => {
  it('reads $0 at zero, not $0.000, and keeps the tenths of a cent that matter', () => {
    expect([0, 0.002, 0.01, 0.125, 0.5, 1, 12.5].map(usd)).toEqual([
      '$0',
      '$0.002',
      '$0.01',
      '$0.125',
      '$0.5',
      '$1.00',
      '$12.50',
    ]);
  });
});
