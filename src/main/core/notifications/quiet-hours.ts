/**
 * Quiet hours in the seller's local time. A window may span midnight (22:00 to 07:00);
 * equal start and end mean no quiet time at all, not a whole silent day.
 */

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export interface QuietHours {
  enabled: boolean;
  start: string;
  end: string;
}

export function isQuiet(at: Date, quiet: QuietHours): boolean {
  if (!quiet.enabled) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** When the quiet time that contains `at` ends (local time); `at` itself when not quiet. */
export function quietEndsAt(at: Date, quiet: QuietHours): Date {
  if (!isQuiet(at, quiet)) return at;
  const end = minutesOf(quiet.end);
  const next = new Date(at);
  next.setHours(Math.floor(end / 60), end % 60, 0, 0);
  // Built from local clock fields, so a daylight-saving change keeps it at the wall time.
  if (next <= at) next.setDate(next.getDate() + 1);
  return next;
}
