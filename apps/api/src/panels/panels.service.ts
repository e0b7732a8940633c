import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { PLATFORM_LAUNCH_MONTH } from '../kpi/kpi.constants.js';
import { RollupsRepository } from '../kpi/rollups.repository.js';
import { TargetsRepository } from '../kpi/targets.repository.js';
import { RankingService } from '../ranking/ranking.service.js';
import {
  addMonths,
  computePanelFigures,
  computeRatioPanelFigures,
  dec,
  monthRange,
  monthsOfYearTo,
  parseMonthKey,
  previousMonth,
  sameMonthLastYear,
  sum,
  toMetricValue,
  toPanelMetric,
  type PanelSeriesInput,
} from '@app/kpi-core';
import { METRIC_CATALOGUE, METRICS_BY_CODE, type MetricCode, type MetricDefinition, type MonthlyPanel } from '@app/contracts';

export interface MetricTrend {
  division: string;
  months: string[];
  series: Array<{ code: string; name: string; unit: string; values: Array<number | string | null> }>;
}

@Injectable()
export class PanelsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollups: RollupsRepository,
    private readonly targets: TargetsRepository,
    private readonly divisions: DivisionsService,
    private readonly ranking: RankingService,
  ) {}

  /** The monthly KPI panel of a division, from the rollups only (never the fact tables). */
  async getMonthlyPanel(scope: DivisionScope, divisionCode: string, month: string): Promise<MonthlyPanel> {
    this.assertMonth(month);
    const division = await this.divisions.requireDivision(divisionCode);
    scope.assertCovers(divisionCode);
    const codes = await this.divisions.subtreeCodes(divisionCode);
    const { year } = parseMonthKey(month);
    const { window, cumulative, asOf } = await this.rollups.findPanelValues(codes, sameMonthLastYear(month), month);
    const byKey = new Map(window.map((r) => [`${r.metricCode}|${r.month}`, r.value]));
    const valueOf = (metric: string, m: string) => byKey.get(`${metric}|${m}`) ?? '0';
    // Before the platform existed a month has no value at all, which is not the same as 0.
    const known = (metric: string, m: string) => (m < PLATFORM_LAUNCH_MONTH ? null : valueOf(metric, m));
    const series = (metric: string): PanelSeriesInput => ({
      month,
      value: valueOf(metric, month),
      previous: known(metric, previousMonth(month)),
      lastYear: known(metric, sameMonthLastYear(month)),
      yearToDateByMonth: monthsOfYearTo(month).map((m) => valueOf(metric, m)),
      cumulative: cumulative.get(metric) ?? '0',
    });
    const targets = await this.targetsFor(divisionCode, codes, year);
    const cutoffs = { yellowBelow: this.config.kpi.statusYellowBelow, redBelow: this.config.kpi.statusRedBelow };

    const metrics = METRIC_CATALOGUE.map((definition) => {
      if (definition.aggregation === 'sum') {
        const target = targets.get(definition.code);
        return toPanelMetric(definition, computePanelFigures(series(definition.code), { annual: target?.annual ?? null, plan: target?.plan ?? null, cutoffs }));
      }
      const { numerator, denominator } = definition.ratioOf!;
      return toPanelMetric(definition, computeRatioPanelFigures(series(numerator), series(denominator)));
    });

    const includeDrafts = scope.role === 'admin' || scope.role === 'city';
    const rank = division.level === 'county' && division.parentCode ? await this.ranking.findRank(divisionCode, division.parentCode, month, includeDrafts) : null;
    return { division: divisionCode, month, asOf: (asOf ?? new Date(0)).toISOString(), metrics, rank };
  }

  /** Monthly values of the last `months` months for a 12-month trend per metric. */
  async getTrend(scope: DivisionScope, divisionCode: string, month: string, months: number, metricCodes?: string[]): Promise<MetricTrend> {
    this.assertMonth(month);
    await this.divisions.requireDivision(divisionCode);
    scope.assertCovers(divisionCode);
    const definitions = this.definitions(metricCodes);
    const codes = await this.divisions.subtreeCodes(divisionCode);
    const range = monthRange(addMonths(month, -(months - 1)), month);
    const rows = await this.rollups.findMonthlyTotals(codes, range[0], month);
    const valueOf = (metric: string, m: string) => rows.find((r) => r.metricCode === metric && r.month === m)?.value ?? '0';
    return {
      division: divisionCode,
      months: range,
      series: definitions.map((definition) => ({
        code: definition.code,
        name: definition.nameZh,
        unit: definition.unit.zh,
        values: range.map((m) => {
          if (m < PLATFORM_LAUNCH_MONTH) return null;
          if (definition.aggregation === 'sum') return toMetricValue(definition, valueOf(definition.code, m));
          const den = dec(valueOf(definition.ratioOf!.denominator, m));
          return den.isZero() ? null : toMetricValue(definition, dec(valueOf(definition.ratioOf!.numerator, m)).dividedBy(den));
        }),
      })),
    };
  }

  private definitions(metricCodes?: string[]): MetricDefinition[] {
    if (!metricCodes || metricCodes.length === 0) return [...METRIC_CATALOGUE];
    const unknown = metricCodes.filter((code) => !(code in METRICS_BY_CODE));
    if (unknown.length > 0) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed', errors: [{ field: 'metrics', message: `unknown metric codes: ${unknown.join(', ')}` }] });
    }
    return metricCodes.map((code) => METRICS_BY_CODE[code as MetricCode]);
  }

  // A division's own target wins; a city without its own target gets the sum of its divisions' targets.
  private async targetsFor(divisionCode: string, codes: string[], year: number): Promise<Map<string, { annual: string; plan: string[] | null }>> {
    const rows = await this.targets.findForDivisions(codes, year);
    const result = new Map<string, { annual: string; plan: string[] | null }>();
    for (const row of rows.filter((r) => r.divisionCode === divisionCode)) result.set(row.metricCode, { annual: row.annual, plan: row.monthlyPlan });
    const children = rows.filter((r) => r.divisionCode !== divisionCode);
    for (const metric of new Set(children.map((r) => r.metricCode))) {
      if (result.has(metric)) continue;
      result.set(metric, { annual: sum(children.filter((r) => r.metricCode === metric).map((r) => r.annual)).toFixed(2), plan: null });
    }
    return result;
  }

  private assertMonth(month: string): void {
    try {
      parseMonthKey(month);
    } catch {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed', errors: [{ field: 'month', message: 'month must be YYYY-MM' }] });
    }
  }
}
