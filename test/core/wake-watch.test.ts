import { describe, expect, it, vi } from 'vitest';
import { watchWakes } from '../../src/main/core/wake-watch';

describe('watchWakes', () => {
  it('calls back once after the clock jumps past a sleep, not on ordinary ticks', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const wakes: number[] = [];
    let ticks = 0;
    const stop = watchWakes((slept) => wakes.push(slept), {
      everyMs: 10,
      slackMs: 60_000,
      now: () => {
        ticks++;
        return now();
      },
    });
    try {
      // Ordinary ticks: the clock moves as the timer expects (here: not at all, which is less).
      await vi.waitFor(() => expect(ticks).toBeGreaterThan(3));
      expect(wakes).toEqual([]);
      // The lid closes for ten minutes.
      clock += 10 * 60_000;
      await vi.waitFor(() => expect(wakes).toHaveLength(1));
      expect(wakes[0]).toBeGreaterThan(9 * 60_000);
      const seen = ticks;
      await vi.waitFor(() => expect(ticks).toBeGreaterThan(seen + 2));
      expect(wakes).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
