import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TargetsRepository } from './targets.repository.js';
import { KpiTargetEntity } from './entities/kpi-target.entity.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { readTable, isImportFileError } from '../imports/parsing/index.js';
import { METRIC_CATALOGUE, METRICS_BY_CODE, type KpiTarget, type MetricCode, type MetricDefinition, type TargetImportResult, type TargetImportRowError, type UpsertTargetBody } from '@app/contracts';
import { toMetricValue } from '@app/kpi-core';

const HEADER_ALIASES: Record<string, string[]> = {
  division: ['区划代码', '区县', '区划', 'division', 'divisioncode'],
  year: ['年度', '年份', 'year'],
  metric: ['指标代码', '指标', '指标名称', 'metric', 'metriccode'],
  annual: ['年度目标', '目标', '目标值', 'annual', 'target'],
};
const MONTH_HEADERS = Array.from({ length: 12 }, (_, i) => [`${i + 1}月`, `m${i + 1}`]);

const normalize = (header: string) => header.replace(/[\s()（）]/g, '').toLowerCase();

@Injectable()
export class TargetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: TargetsRepository,
    private readonly divisions: DivisionsService,
  ) {}

  async listTargets(scope: DivisionScope, division: string, year: number): Promise<KpiTarget[]> {
    scope.assertCovers(division);
    const codes = await this.divisions.subtreeCodes(division);
    const names = await this.divisionNames();
    return (await this.targets.findForDivisions(codes, year)).filter((t) => scope.covers(t.divisionCode)).map((t) => this.toResponse(t, names));
  }

  async upsertTarget(scope: DivisionScope, division: string, year: number, metric: string, input: UpsertTargetBody): Promise<KpiTarget> {
    scope.assertCovers(division);
    await this.divisions.requireDivision(division);
    const definition = this.summableMetric(metric, 'metric');
    const target = (await this.targets.findOne(division, year, metric)) ?? Object.assign(new KpiTargetEntity(), { divisionCode: division, year, metricCode: metric });
    this.assertWholeCount(definition, input.annual, 'annual');
    Object.assign(target, { annual: input.annual, monthlyPlan: input.monthlyPlan ?? null, note: input.note ?? null });
    return this.toResponse(await this.targets.save(target), await this.divisionNames());
  }

  async deleteTarget(scope: DivisionScope, division: string, year: number, metric: string): Promise<void> {
    scope.assertCovers(division);
    const target = await this.targets.findOne(division, year, metric);
    if (!target) throw new NotFoundException(`No target for ${division} ${year} ${metric} / 未设置该目标`);
    await this.targets.remove(target);
  }

  /** XLSX or CSV of targets (区划代码/区县, 年度, 指标代码/指标名称, 年度目标, optional 1月…12月); all rows or none. */
  async importTargets(scope: DivisionScope, file: { buffer: Buffer; originalname: string }): Promise<TargetImportResult> {
    let table;
    try {
      table = await readTable(file.buffer, { filename: file.originalname });
    } catch (error) {
      if (isImportFileError(error)) throw new UnprocessableEntityException({ statusCode: 422, message: error.message, code: error.code });
      throw error;
    }
    const headers = table.headers.map(normalize);
    const find = (aliases: string[]) => headers.findIndex((h) => aliases.some((a) => normalize(a) === h));
    const columns = Object.fromEntries(Object.entries(HEADER_ALIASES).map(([key, aliases]) => [key, find(aliases)]));
    const missing = Object.entries(columns).filter(([, index]) => index < 0).map(([key]) => HEADER_ALIASES[key][0]);
    if (missing.length > 0) {
      throw new UnprocessableEntityException({ statusCode: 422, message: `缺少列 / missing columns: ${missing.join(', ')}`, errors: missing.map((m) => ({ field: m, message: 'missing column' })) });
    }
    const monthColumns = MONTH_HEADERS.map((aliases) => find(aliases));
    const byName = new Map<string, string>(METRIC_CATALOGUE.map((m) => [m.nameZh, m.code]));
    const divisions = await this.dataSource.query<Array<{ code: string; name: string }>>('SELECT code, name FROM division');
    const divisionByName = new Map<string, string[]>();
    for (const d of divisions) divisionByName.set(d.name, [...(divisionByName.get(d.name) ?? []), d.code]);
    const knownCodes = new Set(divisions.map((d) => d.code));

    const errors: TargetImportRowError[] = [];
    const rows: KpiTargetEntity[] = [];
    for (const row of table.rows) {
      const cell = (index: number) => (index >= 0 ? (row.cells[index] ?? '').trim() : '');
      const rowErrors: TargetImportRowError[] = [];
      const fail = (column: string, value: string, message: string) => rowErrors.push({ row: row.row, column, value, message });
      const divisionText = cell(columns.division);
      let division = /^\d{6}$/.test(divisionText) && knownCodes.has(divisionText) ? divisionText : undefined;
      if (!division) {
        const matches = divisionByName.get(divisionText) ?? [];
        if (matches.length === 1) division = matches[0];
        else fail(table.headers[columns.division], divisionText, matches.length > 1 ? '区划名称不唯一，请填区划代码 / ambiguous name' : '未知区划 / unknown division');
      }
      if (division && !scope.covers(division)) fail(table.headers[columns.division], divisionText, '不在您的权限范围内 / outside your scope');
      const year = Number(cell(columns.year));
      if (!Number.isInteger(year) || year < 2000 || year > 2100) fail(table.headers[columns.year], cell(columns.year), '年度须为 2000–2100 的整数 / year must be 2000–2100');
      const metricText = cell(columns.metric);
      const metric = (METRICS_BY_CODE as Record<string, MetricDefinition | undefined>)[metricText] ? metricText : byName.get(metricText);
      const definition = metric ? METRICS_BY_CODE[metric as MetricCode] : undefined;
      if (!definition || definition.aggregation !== 'sum') fail(table.headers[columns.metric], metricText, '未知或不可设目标的指标 / unknown or ratio metric');
      const annual = cell(columns.annual).replace(/,/g, '');
      if (!/^\d{1,18}(\.\d{1,2})?$/.test(annual)) fail(table.headers[columns.annual], annual, '年度目标须为非负数，最多两位小数 / non-negative, ≤ 2 decimals');
      else if (definition?.kind === 'count' && !/^\d+$/.test(annual)) fail(table.headers[columns.annual], annual, '计数指标的目标须为整数 / a count target is a whole number');
      const plan = monthColumns.map((index) => cell(index).replace(/,/g, ''));
      const hasPlan = plan.some((p) => p !== '');
      if (hasPlan && plan.some((p) => !/^\d{1,18}(\.\d{1,2})?$/.test(p))) fail('1月…12月', plan.join(' '), '月度计划须为12个非负数 / the plan needs 12 non-negative numbers');
      if (rowErrors.length > 0) errors.push(...rowErrors);
      else rows.push(Object.assign(new KpiTargetEntity(), { divisionCode: division, year, metricCode: metric, annual, monthlyPlan: hasPlan ? plan : null, note: null }));
    }
    if (errors.length > 0) {
      throw new UnprocessableEntityException({ statusCode: 422, message: `${errors.length} 处错误，未写入任何目标 / nothing saved`, rows: table.rows.length, saved: 0, errors });
    }
    await this.dataSource.transaction(async (manager) => {
      for (const row of rows) await this.targets.save(row, manager);
    });
    return { rows: table.rows.length, saved: rows.length, errors: [] };
  }

  private summableMetric(code: string, field: string): MetricDefinition {
    const definition = (METRICS_BY_CODE as Record<string, MetricDefinition | undefined>)[code];
    if (!definition || definition.aggregation !== 'sum') {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field, message: `${code} is not a metric that takes a target (a count or an amount of the catalogue)` }] });
    }
    return definition;
  }

  private assertWholeCount(definition: MetricDefinition, annual: string, field: string): void {
    if (definition.kind === 'count' && !/^\d+$/.test(annual)) {
      throw new UnprocessableEntityException({ statusCode: 422, message: 'Validation failed / 输入有误', errors: [{ field, message: 'a count target is a whole number' }] });
    }
  }

  private async divisionNames(): Promise<Map<string, string>> {
    const rows = await this.dataSource.query<Array<{ code: string; name: string }>>('SELECT code, name FROM division');
    return new Map(rows.map((row) => [row.code, row.name]));
  }

  private toResponse(target: KpiTargetEntity, names: Map<string, string>): KpiTarget {
    const definition = METRICS_BY_CODE[target.metricCode as MetricCode];
    return {
      divisionCode: target.divisionCode,
      divisionName: names.get(target.divisionCode) ?? '',
      year: target.year,
      metricCode: target.metricCode,
      metricName: definition?.nameZh ?? target.metricCode,
      annual: definition ? toMetricValue(definition, target.annual) : target.annual,
      monthlyPlan: target.monthlyPlan,
      note: target.note,
      updatedAt: target.updatedAt.toISOString(),
    };
  }
}
