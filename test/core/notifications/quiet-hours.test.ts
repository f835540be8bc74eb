import { describe, expect, it } from 'vitest';
import { isQuiet, quietEndsAt } from '../../../src/main/core/notifications/quiet-hours';

const at = (h: number, m = 0) => new Date(2025, 2, 10, h, m);
const night = { enabled: true, start: '22:00', end: '07:00' };
const lunch = { enabled: true, start: '12:00', end: '13:30' };

describe('quiet hours', () => {
  it('spans midnight when the end is before the start', () => {
    expect(isQuiet(at(21, 59), night)).toBe(false);
    expect(isQuiet(at(22, 0), night)).toBe(true);
    expect(isQuiet(at(3, 0), night)).toBe(true);
    expect(isQuiet(at(6, 59), night)).toBe(true);
    expect(isQuiet(at(7, 0), night)).toBe(false);
  });

  it('covers a window within one day', () => {
    expect(isQuiet(at(11, 59), lunch)).toBe(false);
    expect(isQuiet(at(12, 0), lunch)).toBe(true);
    expect(isQuiet(at(13, 29), lunch)).toBe(true);
    expect(isQuiet(at(13, 30), lunch)).toBe(false);
  });

  it('is never quiet when off, or when start equals end', () => {
    expect(isQuiet(at(23), { ...night, enabled: false })).toBe(false);
    expect(isQuiet(at(9), { enabled: true, start: '09:00', end: '09:00' })).toBe(false);
  });

  it('says when the quiet time ends, the next morning when it spans midnight', () => {
    expect(quietEndsAt(at(23, 15), night)).toEqual(new Date(2025, 2, 11, 7, 0));
    expect(quietEndsAt(at(5, 0), night)).toEqual(new Date(2025, 2, 10, 7, 0));
    expect(quietEndsAt(at(12, 10), lunch)).toEqual(new Date(2025, 2, 10, 13, 30));
    expect(quietEndsAt(at(15), lunch)).toEqual(at(15));
  });
});
