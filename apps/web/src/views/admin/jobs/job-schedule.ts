// Reading a job's cron expression and its runs for people. Pure, no Vue: the view translates
// the { key, params } a schedule is described by.

export type CronWords =
  | { key: 'everyMinutes'; params: { n: number } }
  | { key: 'hourly'; params: { minute: number } }
  | { key: 'everyHours'; params: { n: number; minute: number } }
  | { key: 'daily'; params: { time: string } }
  | { key: 'weekly'; params: { days: number[]; time: string } }
  | { key: 'monthly'; params: { days: number[]; time: string } }
  | { key: 'yearly'; params: { month: number; day: number; time: string } };

const NUMBER = /^\d+$/;

function list(field: string, min: number, max: number): number[] | null {
  const values: number[] = [];
  for (const part of field.split(',')) {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (from > to) return null;
      for (let v = from; v <= to; v++) values.push(v);
    } else if (NUMBER.test(part)) {
      values.push(Number(part));
    } else {
      return null;
    }
  }
  return values.every((v) => v >= min && v <= max) ? [...new Set(values)].sort((a, b) => a - b) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Describes the common shapes of a 5-field cron (or 6-field with seconds = 0): every n minutes,
 * hourly, every n hours, daily, weekly, monthly, yearly. Returns null for anything else, and the
 * screen shows the expression as it is.
 */
export function describeCron(expression: string): CronWords | null {
  let fields = expression.trim().split(/\s+/);
  if (fields.length === 6) {
    if (fields[0] !== '0') return null;
    fields = fields.slice(1);
  }
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dowRaw] = fields as [string, string, string, string, string];
  const dow = dowRaw.replace(/\b7\b/g, '0'); // 0 and 7 are both Sunday

  if (minute === '*' && hour === '*' && dom === '*' && month === '*' && dow === '*') return { key: 'everyMinutes', params: { n: 1 } };
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step && hour === '*' && dom === '*' && month === '*' && dow === '*') {
    return { key: 'everyMinutes', params: { n: Number(step[1]) } };
  }
  if (!NUMBER.test(minute) || Number(minute) > 59) return null;
  const m = Number(minute);
  if (hour === '*' && dom === '*' && month === '*' && dow === '*') return { key: 'hourly', params: { minute: m } };
  const hourStep = /^\*\/(\d+)$/.exec(hour);
  if (hourStep && dom === '*' && month === '*' && dow === '*') return { key: 'everyHours', params: { n: Number(hourStep[1]), minute: m } };
  if (!NUMBER.test(hour) || Number(hour) > 23) return null;
  const time = `${pad(Number(hour))}:${pad(m)}`;

  if (dom === '*' && month === '*' && dow === '*') return { key: 'daily', params: { time } };
  if (dom === '*' && month === '*') {
    const days = list(dow, 0, 6);
    return days ? { key: 'weekly', params: { days, time } } : null;
  }
  if (month === '*' && dow === '*') {
    const days = list(dom, 1, 31);
    return days ? { key: 'monthly', params: { days, time } } : null;
  }
  if (NUMBER.test(month) && NUMBER.test(dom) && dow === '*') {
    return { key: 'yearly', params: { month: Number(month), day: Number(dom), time } };
  }
  return null;
}

/** 850 → "850 ms"; 12_400 → "12.4 s"; 185_000 → "3 min 5 s"; 7_260_000 → "2 h 1 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(1))} s`;
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return min ? `${h} h ${min} min` : `${h} h`;
  return s ? `${min} min ${s} s` : `${min} min`;
}

/** Milliseconds between start and finish, or until `now` while the run is going. */
export function runDuration(run: { startedAt: string; finishedAt: string | null }, now: number): number | null {
  const start = Date.parse(run.startedAt);
  if (Number.isNaN(start)) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return Number.isNaN(end) ? null : Math.max(0, end - start);
}

/** The environment variable that switches a job on or off ("platform-sync" → JOB_PLATFORM_SYNC_ENABLED). */
export function jobEnabledVariable(name: string): string {
  return `JOB_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_ENABLED`;
}

/** The environment variable of a job's schedule ("platform-sync" → JOB_PLATFORM_SYNC_CRON). */
export function jobCronVariable(name: string): string {
  return `JOB_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_CRON`;
}
