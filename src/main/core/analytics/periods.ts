/** UTC calendar arithmetic on YYYY-MM-DD strings, done with integers (no Date per call). */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD (or the date part of an ISO instant). */
export function dayNumber(day: string): number {
  return Math.floor(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** The Monday starting the week of a day number (1970-01-01 was a Thursday). */
export function weekStart(n: number): number {
  return n - ((n + 3) % 7);
}

export const monthOf = (day: string) => day.slice(0, 7);

/** Every week (by its Monday) from the first to the last, inclusive. */
export function weeksBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let n = weekStart(dayNumber(first)); n <= dayNumber(last); n += 7) out.push(dayString(n));
  return out;
}

/** Every month (YYYY-MM) from the first to the last, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  const end = last.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) return out;
    out.push(key);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}
