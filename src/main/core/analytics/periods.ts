/** UTC calendar arithmetic on YYYY-MM-DD strings, done with integers (no Date per call). */

const DAY_MS = 86_400_000;

const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
};

/**
 * Days since 1970-01-01 of a YYYY-MM-DD (or the date part of an ISO instant). Integer
 * arithmetic (days from civil, H. Hinnant): called per sale, it must not build Dates.
 */
export function dayNumber(day: string): number {
  let y = digits(day, 0, 4);
  const m = digits(day, 5, 7);
  const d = digits(day, 8, 10);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** A month as one number (year × 12 + month − 1), for cheap grouping. */
export const monthNumber = (day: string) => digits(day, 0, 4) * 12 + digits(day, 5, 7) - 1;
export const monthString = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** The Monday starting the week of a day number (1970-01-01 was a Thursday). */
export function weekStart(n: number): number {
  return n - ((n + 3) % 7);
}
