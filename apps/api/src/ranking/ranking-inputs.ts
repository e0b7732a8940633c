import {
  computeRanking,
  type Dec,
  dec,
  fenToYuan,
  monthlyPace,
  parseMonthKey,
  yuanToFen,
  type RankingDivisionInput,
} from '@app/kpi-core';
import { type Ranking, type RankingBasis, type RankingEntry, type RankingInputJson, type RankingModel } from '@app/contracts';

export interface LiveRanking {
  model: RankingModel;
  inputs: RankingInputJson[];
  entries: RankingEntry[];
  issues: Ranking['issues'];
}

/** What a ranking of some cities and months reads from the database, read once for all of them (RankingService.readInputs). */
export interface RankingData {
  model: RankingModel;
  countiesOf: ReadonlyMap<string, ReadonlyArray<{ code: string; name: string }>>;
  /** The first year read: the series' month 0 is its January. */
  firstYear: number;
  /** How many months were read, from January of `firstYear` to the last month ranked. */
  monthCount: number;
  /** Rollup values as numeric(20,2) text, per division and metric, by month from January of `firstYear`; a month with no row is absent. */
  series: ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<string | undefined>>>;
  denominatorsByYear: ReadonlyMap<number, ReadonlyMap<string, Record<string, string | null>>>;
  /** Targets keyed "division|metric", per year. */
  targetsByYear: ReadonlyMap<number, ReadonlyMap<string, { annual: string; monthlyPlan: string[] | null }>>;
}

const NO_VALUES: ReadonlyArray<string | undefined> = [];

/**
 * The rankings of the cities and months one read covers, either basis, computed on demand. Year-to-date
 * totals and the targets' shares of a period are kept, so ranking both bases of 60 months (the monthly
 * close: 2,520 rankings) computes each of them once.
 */
export class RankingInputs {
  private readonly metrics: string[];
  // Per division and metric, January-to-month totals as fixed-point text, by the same month index as the series:
  // summed in fen (exact integers), each month added once to the month before.
  private readonly yearToDate = new Map<ReadonlyArray<string | undefined>, string[]>();
  // The share of an annual target that belongs to a period depends only on the plan (or its absence), the month
  // and the basis: 183 divisions × 8 metrics share a handful of them.
  private readonly shares = new Map<string, Dec>();
  private readonly annuals = new Map<object, Dec>();

  constructor(private readonly data: RankingData) {
    this.metrics = [...new Set(data.model.indicators.map((i) => i.metric))];
  }

  /** The ranking of a city's county-level divisions for a month, on either basis. */
  rank(city: string, month: string, basis: RankingBasis): LiveRanking {
    const { year, month: m } = parseMonthKey(month);
    const index = (year - this.data.firstYear) * 12 + m - 1;
    const counties = this.data.countiesOf.get(city);
    if (!counties || index < 0 || index >= this.data.monthCount) throw new RangeError(`${city} ${month} was not read`);
    const targetsOfYear = this.data.targetsByYear.get(year)!;
    const denominatorsOfYear = this.data.denominatorsByYear.get(year)!;
    const inputs: RankingInputJson[] = counties.map((county) => {
      const values: Record<string, string | null> = {};
      const targets: Record<string, string | null> = {};
      const seriesOf = this.data.series.get(county.code);
      for (const metric of this.metrics) {
        const series = seriesOf?.get(metric) ?? NO_VALUES;
        // Rollup values are numeric(20,2) text already: a month's value needs no arithmetic.
        values[metric] = basis === 'ytd' ? this.ytd(series, index) : (series[index] ?? '0.00');
        const target = targetsOfYear.get(`${county.code}|${metric}`);
        targets[metric] = target ? this.annual(target).times(this.share(target.monthlyPlan, m, basis)).toFixed(2) : null;
      }
      return { division: county.code, name: county.name, values, denominators: denominatorsOfYear.get(county.code) ?? {}, targets };
    });
    const ranking = computeRanking(this.data.model, inputs as RankingDivisionInput[]);
    return { model: this.data.model, inputs, entries: ranking.entries, issues: ranking.issues };
  }

  private ytd(series: ReadonlyArray<string | undefined>, index: number): string {
    let totals = this.yearToDate.get(series);
    if (!totals) {
      totals = [];
      let fen = 0n;
      for (let i = 0; i < this.data.monthCount; i++) {
        fen = (i % 12 === 0 ? 0n : fen) + yuanToFen(series[i] ?? '0');
        totals.push(fenToYuan(fen));
      }
      this.yearToDate.set(series, totals);
    }
    return totals[index];
  }

  private annual(target: { annual: string }): Dec {
    let annual = this.annuals.get(target);
    if (!annual) this.annuals.set(target, (annual = dec(target.annual)));
    return annual;
  }

  /** The share of the annual target that belongs to the period ranked: the month, or January to it. */
  private share(monthlyPlan: string[] | null, m: number, basis: RankingBasis): Dec {
    const key = `${basis}|${m}|${monthlyPlan ? monthlyPlan.join(',') : ''}`;
    let share = this.shares.get(key);
    if (share === undefined) {
      const plan = monthlyPlan ?? undefined;
      share = basis === 'ytd' ? monthlyPace(m, plan) : monthlyPace(m, plan).minus(m === 1 ? 0 : monthlyPace(m - 1, plan));
      this.shares.set(key, share);
    }
    return share;
  }
}
