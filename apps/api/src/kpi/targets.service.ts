import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { TargetsRepository } from './targets.repository.js';
import { KpiTargetEntity } from './entities/kpi-target.entity.js';
import { DivisionScope } from '../auth/division-scope.js';
import { DivisionsService } from '../divisions/divisions.service.js';
import { TARGETS_SHEET, type ParsedTarget } from './sheets/targets.sheet.js';
import { SheetImportService } from '../spreadsheets/sheet-import.service.js';
import { type SheetWriteCounts } from '../spreadsheets/sheet-importer.js';
import { METRICS_BY_CODE, type ImportMode, type KpiTarget, type MetricCode, type MetricDefinition, type TargetImportResult, type UpsertTargetBody } from '@app/contracts';
import { toMetricValue } from '@app/kpi-core';
import { validationFailed } from '../common/validation.js';

export const TARGET_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

@Injectable()
export class TargetsService {
  constructor(
    private readonly sheets: SheetImportService,
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
    if (!target) throw new NotFoundException({ code: 'NOT_FOUND', message: '未设置该目标', messageEn: `No target for ${division} ${year} ${metric}` });
    await this.targets.remove(target);
  }

  /** XLSX or CSV of targets (区划代码/区县, 年度, 指标代码/指标名称, 年度目标, optional 1月…12月) through the one importer. */
  async importTargets(scope: DivisionScope, file: { buffer: Buffer; filename: string }, mode: ImportMode = 'all-or-nothing'): Promise<TargetImportResult> {
    const lookupDivision = await this.divisions.divisionLookup({ levels: ['province', 'prefecture', 'county'] });
    const counts = await this.sheets.import({
      file,
      spec: TARGETS_SHEET,
      context: { lookupDivision, covers: (code) => scope.covers(code) },
      mode,
      maxFileBytes: TARGET_IMPORT_MAX_BYTES,
      write: (rows, manager) => this.writeTargets(rows.map((r) => r.value), manager),
    });
    return { ...counts, saved: counts.inserted + counts.updated + counts.unchanged };
  }

  private async writeTargets(rows: ParsedTarget[], manager: EntityManager): Promise<SheetWriteCounts> {
    const counts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const existing = await this.targets.findOne(row.divisionCode, row.year, row.metricCode, manager);
      if (existing && Number(existing.annual) === Number(row.annual) && JSON.stringify(existing.monthlyPlan) === JSON.stringify(row.monthlyPlan)) {
        counts.unchanged++;
        continue;
      }
      const target = existing ?? Object.assign(new KpiTargetEntity(), { divisionCode: row.divisionCode, year: row.year, metricCode: row.metricCode, note: null });
      Object.assign(target, { annual: row.annual, monthlyPlan: row.monthlyPlan });
      await this.targets.save(target, manager);
      counts[existing ? 'updated' : 'inserted']++;
    }
    return counts;
  }

  private summableMetric(code: string, field: string): MetricDefinition {
    const definition = (METRICS_BY_CODE as Record<string, MetricDefinition | undefined>)[code];
    if (!definition || definition.aggregation !== 'sum') {
      throw validationFailed([{ field, code: 'METRIC_NOT_TARGETABLE', message: '未知指标，或该指标为比率、不能设目标', messageEn: `${code} is not a metric that takes a target (a count or an amount of the catalogue)` }]);
    }
    return definition;
  }

  private assertWholeCount(definition: MetricDefinition, annual: string, field: string): void {
    if (definition.kind === 'count' && !/^\d+$/.test(annual)) {
      throw validationFailed([{ field, code: 'COUNT_NOT_WHOLE', message: '计数指标的目标须为整数', messageEn: 'A count target is a whole number' }]);
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
