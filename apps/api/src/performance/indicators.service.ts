import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type FieldError, METRICS_BY_CODE, type MetricCode, type PerformanceIndicator } from '@app/contracts';
import { INDICATOR_LEVEL1_LABELS, INDICATOR_LEVEL2_LABELS, LEVEL1_OF_LEVEL2, dec, qualitativeCompletion } from '@app/kpi-core';
import { type CreateIndicatorDto, type UpdateIndicatorDto } from './dto/performance.dto.js';
import { PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';
import { IndicatorActualsService } from './indicator-actuals.service.js';
import { type ResolvedIndicator } from './indicator-rows.js';
import { PerformanceRepository } from './performance.repository.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { invalid } from '../budget/budget-errors.js';
import { BudgetService } from '../budget/budget.service.js';
import { type BudgetProjectEntity } from '../budget/entities/budget-project.entity.js';

/** A project's performance indicators (绩效指标): kept by staff, locked once the self-evaluation is submitted. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly repository: PerformanceRepository,
    private readonly actuals: IndicatorActualsService,
    private readonly budget: BudgetService,
  ) {}

  async listIndicators(scope: DivisionScope, projectId: string): Promise<PerformanceIndicator[]> {
    const project = await this.budget.requireProject(scope, projectId);
    const resolved = await this.actuals.resolve(project, await this.repository.findIndicators(project.id));
    return resolved.map((r) => this.toIndicator(r, project));
  }

  async createIndicator(scope: DivisionScope, projectId: string, input: CreateIndicatorDto): Promise<PerformanceIndicator> {
    const project = await this.budget.requireProject(scope, projectId);
    await this.assertIndicatorsEditable(project.id);
    const row = Object.assign(new PerformanceIndicatorEntity(), {
      projectId: project.id,
      level2: input.level2,
      level1: LEVEL1_OF_LEVEL2[input.level2],
      name: input.name,
      direction: input.direction,
      targetValue: null, targetText: null, unit: null, weight: null, actualValue: null, actualText: null,
      qualitativeTier: null, qualitativeShare: null, notApplicable: false, reverseFormula: null, deviationReason: null,
      bindingKind: 'manual', bindingMetric: null, bindingEventType: null,
      sortOrder: input.sortOrder ?? (await this.repository.nextSortOrder(project.id)),
    });
    this.applyIndicatorInput(row, input);
    const saved = await this.repository.saveIndicator(row);
    const [resolved] = await this.actuals.resolve(project, [saved]);
    return this.toIndicator(resolved, project);
  }

  async updateIndicator(scope: DivisionScope, id: string, input: UpdateIndicatorDto): Promise<PerformanceIndicator> {
    const row = await this.repository.findIndicator(id);
    if (!row) throw new NotFoundException(`Indicator ${id} does not exist / 指标不存在`);
    const project = await this.budget.requireProject(scope, row.projectId);
    await this.assertIndicatorsEditable(project.id);
    if (input.level2 !== undefined) {
      row.level2 = input.level2;
      row.level1 = LEVEL1_OF_LEVEL2[input.level2];
    }
    if (input.direction !== undefined) row.direction = input.direction;
    if (input.name !== undefined) row.name = input.name;
    if (input.sortOrder !== undefined) row.sortOrder = input.sortOrder;
    this.applyIndicatorInput(row, input);
    const saved = await this.repository.saveIndicator(row);
    const [resolved] = await this.actuals.resolve(project, [saved]);
    return this.toIndicator(resolved, project);
  }

  async deleteIndicator(scope: DivisionScope, id: string): Promise<void> {
    const row = await this.repository.findIndicator(id);
    if (!row) throw new NotFoundException(`Indicator ${id} does not exist / 指标不存在`);
    await this.budget.requireProject(scope, row.projectId);
    await this.assertIndicatorsEditable(row.projectId);
    await this.repository.removeIndicator(row);
  }

  private applyIndicatorInput(row: PerformanceIndicatorEntity, input: UpdateIndicatorDto | CreateIndicatorDto): void {
    const errors: FieldError[] = [];
    if (input.level1 !== undefined && input.level1 !== LEVEL1_OF_LEVEL2[row.level2]) {
      errors.push({ field: 'level1', message: `${INDICATOR_LEVEL2_LABELS[row.level2]} belongs to ${INDICATOR_LEVEL1_LABELS[LEVEL1_OF_LEVEL2[row.level2]]} / 一级指标与二级指标不匹配` });
    }
    const set = <K extends keyof PerformanceIndicatorEntity>(key: K, value: PerformanceIndicatorEntity[K] | undefined) => {
      if (value !== undefined) row[key] = value;
    };
    set('targetValue', input.targetValue);
    set('targetText', input.targetText === undefined ? undefined : input.targetText || null);
    set('unit', input.unit === undefined ? undefined : input.unit || null);
    set('weight', input.weight);
    set('actualValue', input.actualValue);
    set('actualText', input.actualText === undefined ? undefined : input.actualText || null);
    set('qualitativeTier', input.qualitativeTier);
    set('qualitativeShare', input.qualitativeShare);
    set('notApplicable', input.notApplicable);
    set('reverseFormula', input.reverseFormula);
    set('deviationReason', input.deviationReason === undefined ? undefined : input.deviationReason || null);
    if (input.binding !== undefined) {
      row.bindingKind = input.binding.kind;
      row.bindingMetric = input.binding.kind === 'metric' ? (input.binding.metricCode ?? null) : null;
      row.bindingEventType = input.binding.kind === 'events' ? input.binding.eventType || null : null;
    }

    if (row.direction !== 'qual' && (row.targetValue === null || row.targetValue === undefined)) {
      errors.push({ field: 'targetValue', message: 'a ≥, ≤ or = indicator needs a numeric target / 定量指标须填写年度指标值' });
    }
    if (row.direction !== 'qual' && row.targetValue !== null && dec(row.targetValue).isNegative()) {
      errors.push({ field: 'targetValue', message: 'the target must not be negative / 指标值不能为负' });
    }
    if (row.bindingKind === 'metric') {
      const metric = row.bindingMetric ? METRICS_BY_CODE[row.bindingMetric as MetricCode] : undefined;
      if (!metric) errors.push({ field: 'binding.metricCode', message: 'metricCode must be a code of the metric catalogue / 指标代码不在目录中' });
      else if (metric.kind === 'ratio') errors.push({ field: 'binding.metricCode', message: 'a ratio metric cannot be summed over a year; bind a count or an amount / 比率类指标不能按年合计' });
    }
    if (row.qualitativeTier) {
      try {
        qualitativeCompletion({ tier: row.qualitativeTier, share: row.qualitativeShare ?? undefined });
      } catch (error) {
        errors.push({ field: 'qualitativeShare', message: (error as Error).message });
      }
    }
    if (errors.length > 0) throw invalid(errors);
  }

  private async assertIndicatorsEditable(projectId: string): Promise<void> {
    const evaluation = await this.repository.findEvaluationOfProject(projectId);
    if (evaluation && evaluation.status !== 'draft') {
      throw new ConflictException({
        statusCode: 409,
        message: `The project's self-evaluation is ${evaluation.status}: indicators are locked / 绩效自评表已${evaluation.status === 'frozen' ? '冻结' : '提交'}，指标不能修改`,
      });
    }
  }

  toIndicator(resolved: ResolvedIndicator, project: BudgetProjectEntity): PerformanceIndicator {
    const row = resolved.row;
    return {
      id: row.id,
      projectId: row.projectId,
      year: project.year,
      level1: row.level1,
      level2: row.level2,
      level1Label: INDICATOR_LEVEL1_LABELS[row.level1],
      level2Label: INDICATOR_LEVEL2_LABELS[row.level2],
      name: row.name,
      direction: row.direction,
      targetValue: row.targetValue === null ? null : dec(row.targetValue).toString(),
      targetText: row.targetText,
      unit: row.unit,
      weight: row.weight === null ? null : dec(row.weight).toFixed(2),
      enteredActual: row.actualValue === null ? null : dec(row.actualValue).toString(),
      actualText: row.actualText,
      qualitativeTier: row.qualitativeTier,
      qualitativeShare: row.qualitativeShare === null ? null : dec(row.qualitativeShare).toString(),
      notApplicable: row.notApplicable,
      reverseFormula: row.reverseFormula,
      deviationReason: row.deviationReason,
      binding: { kind: row.bindingKind, metricCode: row.bindingMetric, eventType: row.bindingEventType },
      actualValue: resolved.actualValue,
      actualSource: resolved.source,
      sortOrder: row.sortOrder,
    };
  }
}
