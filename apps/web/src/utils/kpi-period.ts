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
