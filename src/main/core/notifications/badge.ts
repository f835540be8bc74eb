/**
 * The badge: how many proposals wait for the seller. Unknown (no agents yet) shows no
 * badge rather than a made-up zero.
 */
export interface Badge {
  count: number;
  /** What a dock badge or tray title shows: '' for none, '99+' past 99. */
  text: string;
}

export function badgeFor(pending: number | null): Badge {
  if (pending === null || !Number.isFinite(pending) || pending <= 0) return { count: 0, text: '' };
  const count = Math.floor(pending);
  return { count, text: count > 99 ? '99+' : String(count) };
}
