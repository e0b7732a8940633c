// Days of the budget year in Asia/Shanghai (China has no daylight saving time: UTC+8 all year).

export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function isCalendarDay(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDayOfMonth(y, m);
}

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthEnd(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(lastDayOfMonth(year, month)).padStart(2, '0')}`;
}

/** The day to measure a project of `year` at: the given day, else today clamped into the year. */
export function defaultAsOf(year: number, today: string = todayInShanghai()): string {
  const thisYear = Number(today.slice(0, 4));
  if (year < thisYear) return `${year}-12-31`;
  if (year > thisYear) return `${year}-01-01`;
  return today;
}

/** Monthly pace is measured at the end of the last complete month; 0 when January is not over yet. */
export function lastCompleteMonth(asOf: string): number {
  const [y, m, d] = asOf.split('-').map(Number);
  return d === lastDayOfMonth(y, m) ? m : m - 1;
}
