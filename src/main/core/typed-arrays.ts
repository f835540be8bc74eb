/**
 * Growing the typed-array columns that the inventory index and the dashboard keep: each
 * doubles (at least 1024 entries) and keeps its values, so appends cost O(1) on average.
 */
export type Column = Uint8Array | Int32Array | Float64Array;

/** The capacity to grow to so that `min` entries fit. */
export const nextCapacity = (min: number, current: number): number => Math.max(min, current * 2, 1024);

/** A copy of `old` with room for `capacity` entries; the new ones are zero. */
export function grown<T extends Column>(old: T, capacity: number): T {
  const next = new (old.constructor as new (length: number) => T)(capacity);
  next.set(old as never);
  return next;
}
