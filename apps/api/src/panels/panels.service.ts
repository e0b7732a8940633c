import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { PLATFORM_LAUNCH_MONTH } from '../kpi/kpi.constants.js';
import { RollupsRepository } from '../kpi/rollups.repository.js';
import { createHash } from 'node:crypto';
import { type Pool } from 'pg';
import { PanelCache } from './panel-cache.js';
import { ReadReplicas } from '../database/read-replicas.js';
import { type PanelReadQuery, PanelReadRepository, type PanelReadResult } from './panel-read.repository.js';
import {
  addMonths,
  computePanelFigures,
  computeRatioPanelFigures,
  dec,
  monthKey,
  monthRange,
  parseMonthKey,
  previousMonth,
  sameMonthLastYear,
  sum,
  toMetricValue,
  toPanelMetric,
  type PanelSeriesInput,
} from '@app/kpi-core';
import { METRIC_CATALOGUE, METRICS_BY_CODE, type MetricCode, type MetricDefinition, type MetricTrend, type MonthlyPanel } from '@app/contracts';

/**
 * Changes when what a panel shows changes for the same data: a new field, another computation. Part of
 * the ETag, so browsers holding a panel of the previous release revalidate to the new one.
 */
const PANEL_FORMAT = 'panel-1';

/** A panel as the HTTP layer sends it: its ETag, and its JSON (UTF-8) unless the client's copy is current. */
export interface PanelAnswer {
  etag: string;
  /** null: the client's If-None-Match names this version (304 Not Modified). */
  body: Buffer | null;
}

@Injectable()
export class PanelsService {
  private readonly cache = new PanelCache();
  private readonly etagSalt: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollups: RollupsRepository,
    private readonly panelRead: PanelReadRepository,
    private readonly divisions: DivisionsService,
    private readonly replicas: ReadReplicas,
  ) {
    // The status cut-offs are settings: instances configured differently must not share ETags.
    this.etagSalt = createHash('sha256').update(`${PANEL_FORMAT}|${config.kpi.statusYellowBelow}|${config.kpi.statusRedBelow}`).digest('hex').slice(0, 8);
  }

  /**
   * The monthly panel as JSON text with its ETag, computed only when the data behind it changed
   * since this process last computed it: the version of that data (PanelReadRepository.readVersion)
   * is read first, then the cached panel of that version is sent, or the panel computed (from data
   * at least as new as the version) and cached. A matching If-None-Match skips even that. A panel
   * this process holds no version of is read together with its version, in one statement.
   */
  async getMonthlyPanelAnswer(scope: DivisionScope, divisionCode: string, month: string, ifNoneMatch?: string): Promise<PanelAnswer> {
    this.assertMonth(month);
    const division = await this.divisions.requireDivision(divisionCode);
    scope.assertCovers(divisionCode);
    const codes = await this.divisions.subtreeCodes(divisionCode);
    const includeDrafts = this.includesDrafts(scope);
    // The rank badge is read from the city's ranking snapshots.
    const versionCodes = division.level === 'county' && division.parentCode ? [...codes, division.parentCode] : codes;
    // One server for both reads (a replica, unless this browser just wrote): a panel computed on an
    // older replica than its version was read from would be cached as current.
    const reader = this.replicas.pool();
    const key = PanelCache.key(divisionCode, month, includeDrafts);
    if (!ifNoneMatch && !this.cache.has(key)) {
      // Never computed here (or evicted): it will be computed whatever its version, so the version
      // comes with the panel's data, in the same statement and snapshot (one round trip, not two).
      const read = await this.panelRead.readWithVersion(this.panelReadQuery(division, divisionCode, month, codes, includeDrafts), versionCodes, reader);
      const body = Buffer.from(JSON.stringify(this.buildMonthlyPanel(divisionCode, month, read)));
      this.cache.set(key, { version: read.version, body });
      return { etag: this.etagOf(read.version, includeDrafts), body };
    }
    const version = await this.panelRead.readVersion(versionCodes, month, reader);
    const etag = this.etagOf(version, includeDrafts);
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return { etag, body: null };
    let body = this.cache.get(key, version);
    if (body === undefined) {
      body = Buffer.from(JSON.stringify(await this.computeMonthlyPanel(divisionCode, month, codes, includeDrafts, reader)));
      this.cache.set(key, { version, body });
    }
    return { etag, body };
  }

  private etagOf(version: string, includeDrafts: boolean): string {
    return `"${version.slice(0, 20)}-${this.etagSalt}-${includeDrafts ? 'd' : 'p'}"`;
  }

  /** The monthly KPI panel of a division, from the rollups only (never the fact tables). */
  async getMonthlyPanel(scope: DivisionScope, divisionCode: string, month: string): Promise<MonthlyPanel> {
    this.assertMonth(month);
    await this.divisions.requireDivision(divisionCode);
    scope.assertCovers(divisionCode);
    return this.computeMonthlyPanel(divisionCode, month, await this.divisions.subtreeCodes(divisionCode), this.includesDrafts(scope), this.replicas.pool());
  }

  // Admins and city users see the rank of a month's draft ranking until it is published.
  private includesDrafts(scope: DivisionScope): boolean {
    return scope.role === 'admin' || scope.role === 'city';
  }

  private async computeMonthlyPanel(divisionCode: string, month: string, codes: string[], includeDrafts: boolean, reader: Pool): Promise<MonthlyPanel> {
    const division = await this.divisions.requireDivision(divisionCode);
    return this.buildMonthlyPanel(divisionCode, month, await this.panelRead.read(this.panelReadQuery(division, divisionCode, month, codes, includeDrafts), reader));
  }

  private panelReadQuery(division: { level: string; parentCode: string | null }, divisionCode: string, month: string, codes: string[], includeDrafts: boolean): PanelReadQuery {
    const { year } = parseMonthKey(month);
    return {
      divisionCodes: codes,
      month,
      previousMonth: previousMonth(month),
      lastYearMonth: sameMonthLastYear(month),
      yearStartMonth: monthKey(year, 1),
      year,
      rank: division.level === 'county' && division.parentCode ? { division: divisionCode, city: division.parentCode, includeDrafts } : null,
    };
  }

  /** The panel from its read model (pure: the figures are computed in @app/kpi-core). */
  private buildMonthlyPanel(divisionCode: string, month: string, read: PanelReadResult): MonthlyPanel {
    const previous = previousMonth(month);
    const lastYear = sameMonthLastYear(month);
    // Parsed once per metric: a ratio's numerator and denominator are summable metrics of the panel too.
    const parsed = new Map<string, PanelSeriesInput>();
    const series = (metric: string): PanelSeriesInput => {
      let input = parsed.get(metric);
      if (input) return input;
      const totals = read.metrics.get(metric);
      input = {
        month,
        value: dec(totals?.value ?? '0'),
        // Before the platform existed a month has no value at all, which is not the same as 0.
        previous: previous < PLATFORM_LAUNCH_MONTH ? null : dec(totals?.previous ?? '0'),
        lastYear: lastYear < PLATFORM_LAUNCH_MONTH ? null : dec(totals?.lastYear ?? '0'),
        yearToDate: dec(totals?.yearToDate ?? '0'),
        cumulative: dec(totals?.cumulative ?? '0'),
      };
      parsed.set(metric, input);
      return input;
    };
    const targets = this.targetsOf(divisionCode, read.targets);
    const cutoffs = { yellowBelow: this.config.kpi.statusYellowBelow, redBelow: this.config.kpi.statusRedBelow };

    const metrics = METRIC_CATALOGUE.map((definition) => {
      if (definition.aggregation === 'sum') {
        const target = targets.get(definition.code);
        return toPanelMetric(definition, computePanelFigures(series(definition.code), { annual: target?.annual ?? null, plan: target?.plan ?? null, cutoffs }));
      }
      const { numerator, denominator } = definition.ratioOf!;
      return toPanelMetric(definition, computeRatioPanelFigures(series(numerator), series(denominator)));
    });

    return { division: divisionCode, month, asOf: (read.asOf ?? new Date(0)).toISOString(), metrics, rank: read.rank };
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
    const byKey = new Map(rows.map((r) => [`${r.metricCode}|${r.month}`, r.value]));
    const valueOf = (metric: string, m: string) => byKey.get(`${metric}|${m}`) ?? '0';
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
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'metrics', message: `unknown metric codes: ${unknown.join(', ')} / 未知的指标代码：${unknown.join('、')}` }] });
    }
    return metricCodes.map((code) => METRICS_BY_CODE[code as MetricCode]);
  }

  // A division's own target wins; a city without its own target gets the sum of its divisions' targets.
  private targetsOf(divisionCode: string, rows: PanelReadResult['targets']): Map<string, { annual: string; plan: string[] | null }> {
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
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field: 'month', message: 'month must be YYYY-MM / 月份格式须为 YYYY-MM' }] });
    }
  }
}
