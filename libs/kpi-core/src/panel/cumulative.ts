// Sources that only publish running totals ("截至11月 216 笔") become monthly values by
// differencing (domain.md §1.4 step 7, DESIGN §3). A decrease is a data error to show, never to clip.
import { type Dec, type DecimalInput, dec } from '../decimal.js';
import { type DayKey, type MonthKey, lastDayOfMonth, monthKey, monthOfDay, monthsBetween, parseDayKey, parseMonthKey } from '../period/index.js';

/** A dated running total: the cumulative value as of the end of `asOf` ('YYYY-MM-DD'). */
export interface CumulativeObservation {
  asOf: string;
  value: DecimalInput;
}

export interface MonthlyDelta {
  /** The month the delta is attributed to: the month of `toAsOf`. */
  month: MonthKey;
  /** The observation differenced against; null for the opening (then `fromMonth` says which month-end). */
  fromAsOf: DayKey | null;
  fromMonth: MonthKey;
  toAsOf: DayKey;
  /** cumulative(toAsOf) − cumulative(from); negative values are kept and also reported as errors. */
  delta: Dec;
  /** Months the delta covers: 1 normally, more when the months between had no observation. */
  months: number;
  /** false when the month's last observation is not dated on the month's last day. */
  monthEnd: boolean;
}

export type CumulativeErrorCode = 'negative_delta' | 'conflicting_observation';

export interface CumulativeDataError {
  code: CumulativeErrorCode;
  month: MonthKey;
  asOf: DayKey;
  /** The earlier observation (or the opening's month) compared against. */
  previousAsOf: string;
  previous: Dec;
  current: Dec;
  message: string;
}

export interface CumulativeDeltas {
  deltas: MonthlyDelta[];
  errors: CumulativeDataError[];
}

export interface CumulativeDeltaOptions {
  /**
   * The running total at the end of a month before the first observation (e.g. 0 at the month
   * before the launch). Without it the first observed month has no delta: its total is history.
   */
  opening?: { month: string; value: DecimalInput };
}

interface Point {
  asOf: DayKey;
  value: Dec;
}

/**
 * Monthly deltas of a cumulative series: each observed month's last running total minus the
 * previous observed month's. Observations may come in any order; several in one month are checked
 * against each other but only the last one counts. Every decrease between consecutive observations
 * is reported as `negative_delta`; two different totals for the same day as `conflicting_observation`
 * (the one given last is used). Throws a RangeError for a malformed date or an opening not before the first month.
 */
export function monthlyDeltasFromCumulative(
  observations: readonly CumulativeObservation[],
  options: CumulativeDeltaOptions = {},
): CumulativeDeltas {
  const errors: CumulativeDataError[] = [];
  const byDay = new Map<DayKey, Point>();
  for (const observation of observations) {
    parseDayKey(observation.asOf);
    const point: Point = { asOf: observation.asOf as DayKey, value: dec(observation.value) };
    const earlier = byDay.get(point.asOf);
    if (earlier && !earlier.value.equals(point.value)) {
      errors.push({
        code: 'conflicting_observation',
        month: monthOfDay(point.asOf),
        asOf: point.asOf,
        previousAsOf: earlier.asOf,
        previous: earlier.value,
        current: point.value,
        message: `two running totals for ${point.asOf}: ${earlier.value.toString()} and ${point.value.toString()}; the last one is used`,
      });
    }
    byDay.set(point.asOf, point);
  }
  const points = [...byDay.values()].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));

  for (let i = 1; i < points.length; i += 1) {
    const [before, after] = [points[i - 1], points[i]];
    if (after.value.lessThan(before.value)) errors.push(negativeDelta(after, before.asOf, before.value));
  }

  const monthEnds = new Map<MonthKey, Point>();
  for (const point of points) monthEnds.set(monthOfDay(point.asOf), point);

  const deltas: MonthlyDelta[] = [];
  let previous: { month: MonthKey; asOf: DayKey | null; value: Dec } | null = null;
  const opening = options.opening;
  if (opening) {
    const { year, month } = parseMonthKey(opening.month);
    const openingMonth = monthKey(year, month);
    const first = points[0];
    if (first && monthsBetween(openingMonth, monthOfDay(first.asOf)) < 1) {
      throw new RangeError(`opening ${opening.month} must be before the first observed month ${monthOfDay(first.asOf)}`);
    }
    previous = { month: openingMonth, asOf: null, value: dec(opening.value) };
    if (first && first.value.lessThan(previous.value)) errors.unshift(negativeDelta(first, `${openingMonth} (opening)`, previous.value));
  }

  for (const [month, point] of monthEnds) {
    if (previous) {
      deltas.push({
        month,
        fromAsOf: previous.asOf,
        fromMonth: previous.month,
        toAsOf: point.asOf,
        delta: point.value.minus(previous.value),
        months: monthsBetween(previous.month, month),
        monthEnd: point.asOf === lastDayOfMonth(month),
      });
    }
    previous = { month, asOf: point.asOf, value: point.value };
  }
  return { deltas, errors };
}

function negativeDelta(point: Point, previousAsOf: string, previous: Dec): CumulativeDataError {
  return {
    code: 'negative_delta',
    month: monthOfDay(point.asOf),
    asOf: point.asOf,
    previousAsOf,
    previous,
    current: point.value,
    message: `running total fell from ${previous.toString()} (${previousAsOf}) to ${point.value.toString()} (${point.asOf})`,
  };
}
