// Months of the KPI screens ('YYYY-MM', Asia/Shanghai). Pure functions.
import { isMonthKey, previousMonth, shanghaiMonth } from '@app/kpi-core';

/** The last month that has ended in Asia/Shanghai: the month a leader reviews on the first days. */
export function lastCompleteMonth(now: Date = new Date()): string {
  return previousMonth(shanghaiMonth(now));
}

/** A month from the URL query when it is a valid 'YYYY-MM', otherwise the fallback. */
export function monthFromQuery(value: unknown, fallback: string): string {
  return typeof value === 'string' && isMonthKey(value) ? value : fallback;
}

/** The latest month with any non-zero value among the series, or null. */
export function latestMonthWithData(months: readonly string[], series: ReadonlyArray<{ values: ReadonlyArray<number | string | null> }>): string | null {
  for (let i = months.length - 1; i >= 0; i--) {
    if (series.some((s) => { const v = s.values[i]; return v !== null && v !== undefined && Number(v) !== 0; })) return months[i]!;
  }
  return null;
}

/** The clock of the big screen: date and time in Asia/Shanghai whatever the machine's zone. */
export function shanghaiClock(now: Date): { date: string; time: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}`, weekday: weekdays.indexOf(get('weekday')) };
}
