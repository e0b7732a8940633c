// Formatting helpers shared by views. Pure functions, no Vue.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 149000 → "149,000"; null → "—". */
export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : integer.format(value);
}

/** 149000 → "14.9" (in 万), trimmed; below 10,000 → null (not worth a hint). */
export function toWan(value: number | null | undefined): string | null {
  if (value === null || value === undefined || Math.abs(value) < 10_000) return null;
  return (value / 10_000).toFixed(2).replace(/\.?0+$/, '');
}

// Beijing time whatever the browser's zone: the associations all work in it, the server's days
// are Asia/Shanghai days, and the screens say so (a laptop left on UTC must not shift an hour's record).
// One formatter for every call: tables format a timestamp per row.
const BEIJING_CLOCK = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall clock in Beijing: date, time to the second, weekday (0 = Sunday). */
export function shanghaiClock(now: Date): { date: string; time: string; weekday: number } {
  const parts = BEIJING_CLOCK.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}:${get('second')}`, weekday: WEEKDAYS.indexOf(get('weekday')) };
}

/** The year it is in Beijing now (a 决算 year is closed once this year has begun). */
export function beijingYear(now: Date = new Date()): number {
  return Number(shanghaiClock(now).date.slice(0, 4));
}

/** ISO timestamp → "2026-11-26 14:05" in Beijing time (Asia/Shanghai). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { date, time } = shanghaiClock(d);
  return `${date} ${time.slice(0, 5)}`;
}

/** ISO date or timestamp → "2026-11-26". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

/**
 * Parse what a person types into a count field: "149000", "149,000", "14.9万", " 68 ".
 * Returns null for empty input and NaN for anything that is not a whole number ≥ 0.
 */
export function parseCount(input: string | number | null | undefined): number | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 ? input : Number.NaN;
  const text = input.trim().replace(/[,，\s]/g, '');
  if (text === '') return null;
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(text);
  if (wan) {
    const value = Math.round(Number(wan[1]) * 10_000);
    return Number.isFinite(value) ? value : Number.NaN;
  }
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}
