import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { PerformanceRepository } from './performance.repository.js';
import { type CreateSelfEvaluationDto, type QuerySelfEvaluationsDto, type UpdateSelfEvaluationDto } from './dto/performance.dto.js';
import { IndicatorActualsService } from './indicator-actuals.service.js';
import { type ResolvedIndicator, actualText, targetText, toIndicatorInput } from './indicator-rows.js';
import { SelfEvaluationEntity } from './entities/self-evaluation.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { BudgetService, lineLabel } from '../budget/budget.service.js';
import { invalid, invalidField } from '../budget/budget-errors.js';
import { todayInShanghai } from '../budget/budget-dates.js';
import { type BudgetProjectEntity } from '../budget/entities/budget-project.entity.js';
import { type FundingLineEntity } from '../budget/entities/funding-line.entity.js';
import {
  type CustomTemplateWeights,
  type EvaluationIndicatorRow,
  type FieldError,
  type ReasonRequirement,
  type SelfEvaluation,
  type SelfEvaluationComputed,
  type SelfEvaluationTemplate,
} from '@app/contracts';
import {
  type Dec,
  GRADE_LABELS,
  INDICATOR_LEVEL1_LABELS,
  INDICATOR_LEVEL2_LABELS,
  type ReasonRequired,
  type ScoringTemplate,
  type SelfEvaluationResult,
  defineTemplate,
  evaluateSelfEvaluation,
  formatYuan,
  resolveTemplate,
  toPercent,
} from '@app/kpi-core';

/** The project's year is not over yet in Beijing: its self-evaluation is an estimate. */
export const isYearInProgress = (year: number, now: Date = new Date()): boolean => year >= Number(todayInShanghai(now).slice(0, 4));

const fixed = (value: Dec | null): string | null => (value === null ? null : value.toFixed(2));

/** The 绩效自评表 of a project: its workflow (draft → submitted → frozen), its computation by the rules, its view. */
@Injectable()
export class SelfEvaluationsService {
  constructor(
    private readonly repository: PerformanceRepository,
    private readonly actuals: IndicatorActualsService,
    private readonly budget: BudgetService,
  ) {}

  async listEvaluations(scope: DivisionScope, query: QuerySelfEvaluationsDto): Promise<SelfEvaluation[]> {
    if (query.divisionCode) scope.assertCovers(query.divisionCode);
    const rows = await this.repository.findEvaluationsInScope(scope, query);
    const out: SelfEvaluation[] = [];
    for (const row of rows) out.push(await this.view(row, await this.budget.requireProject(scope, row.projectId)));
    return out;
  }

  async createEvaluation(scope: DivisionScope, input: CreateSelfEvaluationDto): Promise<SelfEvaluation> {
    const project = await this.budget.requireProject(scope, input.projectId);
    if (await this.repository.findEvaluationOfProject(project.id)) {
      throw new ConflictException({ statusCode: 409, message: 'The project already has a self-evaluation / 该项目已有绩效自评表', errors: [{ field: 'projectId', message: 'already evaluated' }] });
    }
    const row = Object.assign(new SelfEvaluationEntity(), {
      projectId: project.id,
      template: input.template,
      customWeights: null,
      status: 'draft',
      expectedGoal: null, achievedGoal: null, executionReason: null, lineReasons: {}, preparer: null, phone: null, filledOn: null,
      snapshot: null, submittedAt: null, frozenAt: null,
    });
    this.applyEvaluationInput(row, input);
    return this.view(await this.repository.saveEvaluation(row), project);
  }

  async getEvaluation(scope: DivisionScope, id: string): Promise<SelfEvaluation> {
    const { row, project } = await this.requireEvaluation(scope, id);
    return this.view(row, project);
  }

  async updateEvaluation(scope: DivisionScope, id: string, input: UpdateSelfEvaluationDto): Promise<SelfEvaluation> {
    const { row, project } = await this.requireEvaluation(scope, id);
    if (row.status !== 'draft') throw conflictStatus(row.status, 'edited');
    this.applyEvaluationInput(row, input);
    return this.view(await this.repository.saveEvaluation(row), project);
  }

  /**
   * draft → submitted; 422 listing every reason still missing (execution < 90%, adjusted lines, indicators short of
   * target). While the project's year is in progress the table is an estimate: it is submitted only when the user
   * says so (`early`), having been warned, else 409 YEAR_IN_PROGRESS.
   */
  async submitEvaluation(scope: DivisionScope, id: string, early = false): Promise<SelfEvaluation> {
    const { row, project } = await this.requireEvaluation(scope, id);
    if (row.status !== 'draft') throw conflictStatus(row.status, 'submitted');
    if (isYearInProgress(project.year) && !early) {
      throw new ConflictException({
        statusCode: 409,
        code: 'YEAR_IN_PROGRESS',
        message: `${project.year}年尚未结束，自评结果为预估；如确需提前提交，请确认后再提交`,
        messageEn: `The year ${project.year} is not over, so the self-evaluation is an estimate; confirm to submit it early`,
        params: { year: project.year },
        errors: [{ field: 'early', code: 'YEAR_IN_PROGRESS', message: '年度未结束，提前提交须确认', messageEn: 'Submitting before the year ends must be confirmed' }],
      });
    }
    const computed = await this.compute(row, project);
    const missing = computed.reasonsRequired.filter((r) => !r.reasonGiven);
    if (missing.length > 0) {
      throw invalid(missing.map((r) => ({ field: reasonField(r), message: r.message })), `${missing.length} reason(s) missing / 尚有 ${missing.length} 处须填写原因`);
    }
    row.status = 'submitted';
    row.submittedAt = new Date();
    return this.view(await this.repository.saveEvaluation(row), project);
  }

  /** submitted → frozen: the computed table is stored and never recomputed (later payments do not change it). */
  async freezeEvaluation(scope: DivisionScope, id: string): Promise<SelfEvaluation> {
    const { row, project } = await this.requireEvaluation(scope, id);
    if (row.status !== 'submitted') throw conflictStatus(row.status, 'frozen');
    row.snapshot = await this.compute(row, project);
    row.status = 'frozen';
    row.frozenAt = new Date();
    return this.view(await this.repository.saveEvaluation(row), project);
  }

  /** submitted → draft, for corrections before freezing. */
  async reopenEvaluation(scope: DivisionScope, id: string): Promise<SelfEvaluation> {
    const { row, project } = await this.requireEvaluation(scope, id);
    if (row.status !== 'submitted') throw conflictStatus(row.status, 'reopened');
    row.status = 'draft';
    row.submittedAt = null;
    return this.view(await this.repository.saveEvaluation(row), project);
  }

  async deleteEvaluation(scope: DivisionScope, id: string): Promise<void> {
    const { row } = await this.requireEvaluation(scope, id);
    if (row.status !== 'draft') throw conflictStatus(row.status, 'deleted');
    await this.repository.removeEvaluation(row);
  }

  /** The table as the rules compute it now: execution per line and in total, each indicator's completion and score, total, grade, reasons. */
  async compute(row: SelfEvaluationEntity, project: BudgetProjectEntity): Promise<SelfEvaluationComputed> {
    const execution = await this.budget.computeExecution(project);
    const lines = await this.budget.findLines(project.id);
    const indicators = await this.actuals.resolve(project, await this.repository.findIndicators(project.id), execution);
    if (indicators.length === 0) throw invalidField('indicators', 'the project has no performance indicators yet / 项目尚无绩效指标');
    const template = this.templateOf(row.template, row.customWeights);
    const executedByLine = new Map(execution.lines.map((l) => [l.fundingLineId as string, l.executed]));
    let result: SelfEvaluationResult;
    try {
      result = evaluateSelfEvaluation({
        template,
        executionReason: row.executionReason ?? undefined,
        fundingLines: lines.map((line) => ({
          key: line.id,
          label: lineLabel(line),
          initialBudget: line.initialBudget,
          adjustedBudget: line.adjustedBudget,
          executed: executedByLine.get(line.id) ?? '0',
          reason: row.lineReasons?.[line.id],
        })),
        indicators: indicators.map((r) => toIndicatorInput(r)),
      });
    } catch (error) {
      if (error instanceof RangeError) throw invalidField('indicators', error.message);
      throw error;
    }
    const byId = new Map(indicators.map((r) => [r.row.id, r]));
    const lineById = new Map(lines.map((l) => [l.id, l]));
    const indicatorRows: EvaluationIndicatorRow[] = result.indicators.map((r) => {
      const resolved = byId.get(r.indicator.key) as ResolvedIndicator;
      const ind = resolved.row;
      return {
        indicatorId: ind.id,
        level1: r.level1,
        level2: r.level2,
        level1Label: INDICATOR_LEVEL1_LABELS[r.level1],
        level2Label: INDICATOR_LEVEL2_LABELS[r.level2],
        name: ind.name,
        direction: ind.direction,
        target: targetText(ind),
        actual: actualText(ind, resolved.actualValue),
        unit: ind.unit,
        weight: r.weight.toFixed(2),
        effectiveWeight: r.effectiveWeight.toFixed(2),
        outcome: r.outcome,
        completionPercent: fixed(r.completionPercent),
        score: r.score.toFixed(2),
        overAchieved: r.overAchieved,
        reason: r.reason,
        actualSource: resolved.source,
      };
    });
    const names = new Map(indicators.map((r) => [r.row.id, r.row.name]));
    return {
      project: { name: project.name, code: project.code, year: project.year, supervisingUnit: project.supervisingUnit, implementingUnit: project.implementingUnit },
      template: row.template,
      templateName: result.template.name,
      execution: {
        weight: result.execution.weight.toFixed(2),
        effectiveWeight: result.execution.effectiveWeight.toFixed(2),
        score: result.execution.score.toFixed(2),
        reason: result.execution.reason,
        lines: result.execution.lines.map((l) => {
          const line = lineById.get(l.key);
          return {
            key: l.key,
            label: l.label ?? '',
            source: line?.source ?? null,
            initialBudget: l.initialBudget === null ? null : formatYuan(l.initialBudget),
            adjustedBudget: formatYuan(l.budget),
            executed: formatYuan(l.executed),
            ratePercent: fixed(l.ratePercent),
            reason: l.reason,
          };
        }),
        total: {
          initialBudget: result.execution.total.initialBudget === null ? null : formatYuan(result.execution.total.initialBudget),
          adjustedBudget: formatYuan(result.execution.total.budget),
          executed: formatYuan(result.execution.total.executed),
          ratePercent: fixed(result.execution.total.ratePercent),
        },
      },
      indicators: indicatorRows,
      total: result.total.toFixed(2),
      grade: result.grade,
      gradeLabel: GRADE_LABELS[result.grade],
      reasonsRequired: result.reasonsRequired.map((r) => toRequirement(r, names, lineById)),
      complete: result.complete,
      computedAt: new Date().toISOString(),
    };
  }

  async requireEvaluation(scope: DivisionScope, id: string): Promise<{ row: SelfEvaluationEntity; project: BudgetProjectEntity }> {
    const row = await this.repository.findEvaluation(id);
    if (!row) throw new NotFoundException(`Self-evaluation ${id} does not exist / 绩效自评表不存在`);
    return { row, project: await this.budget.requireProject(scope, row.projectId) };
  }

  async view(row: SelfEvaluationEntity, project: BudgetProjectEntity): Promise<SelfEvaluation> {
    const computed = row.status === 'frozen' && row.snapshot ? row.snapshot : await this.compute(row, project);
    return {
      id: row.id,
      projectId: row.projectId,
      projectName: computed.project.name,
      projectCode: computed.project.code,
      divisionCode: project.divisionCode,
      year: project.year,
      supervisingUnit: computed.project.supervisingUnit,
      implementingUnit: computed.project.implementingUnit,
      template: row.template,
      customWeights: row.customWeights,
      status: row.status,
      expectedGoal: row.expectedGoal,
      achievedGoal: row.achievedGoal,
      executionReason: row.executionReason,
      lineReasons: row.lineReasons ?? {},
      preparer: row.preparer,
      phone: row.phone,
      filledOn: row.filledOn,
      submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
      frozenAt: row.frozenAt ? row.frozenAt.toISOString() : null,
      computed,
      frozen: row.status === 'frozen',
      yearInProgress: isYearInProgress(project.year),
    };
  }

  private templateOf(template: SelfEvaluationTemplate, custom: CustomTemplateWeights | null): ScoringTemplate {
    if (template !== 'custom') return resolveTemplate(template);
    if (!custom) throw invalidField('customWeights', 'a custom template needs customWeights / 自定义模板须设置分值');
    try {
      return defineTemplate({
        id: 'custom',
        name: `自定义模板（执行率${custom.executionWeight}、产出${custom.output}、效益${custom.benefit}、满意度${custom.satisfaction}）`,
        executionWeight: custom.executionWeight,
        indicatorPools: [
          { key: 'output', label: '产出指标', level1s: ['output'], weight: custom.output },
          { key: 'benefit', label: '效益指标', level1s: ['benefit'], weight: custom.benefit },
          { key: 'satisfaction', label: '满意度指标', level1s: ['satisfaction'], weight: custom.satisfaction },
        ],
        reverseFormula: custom.reverseFormula,
      });
    } catch (error) {
      if (error instanceof RangeError) throw invalidField('customWeights', error.message);
      throw error;
    }
  }

  private applyEvaluationInput(row: SelfEvaluationEntity, input: UpdateSelfEvaluationDto | CreateSelfEvaluationDto): void {
    if (input.template !== undefined) row.template = input.template;
    if (input.customWeights !== undefined) row.customWeights = input.customWeights ? { ...input.customWeights } : null;
    if (row.template !== 'custom') row.customWeights = null;
    else this.templateOf('custom', row.customWeights); // validates: weights must total 100
    for (const key of ['expectedGoal', 'achievedGoal', 'executionReason', 'preparer', 'phone', 'filledOn'] as const) {
      if (input[key] !== undefined) row[key] = input[key] || null;
    }
    if (input.lineReasons !== undefined) {
      const errors: FieldError[] = [];
      const reasons: Record<string, string> = {};
      for (const [key, value] of Object.entries(input.lineReasons)) {
        if (typeof value !== 'string' || value.length > 2000) errors.push({ field: `lineReasons.${key}`, message: 'must be text of at most 2000 characters' });
        else if (value.trim()) reasons[key] = value.trim();
      }
      if (errors.length > 0) throw invalid(errors);
      row.lineReasons = reasons;
    }
  }
}

function toRequirement(r: ReasonRequired, names: Map<string, string>, lines: Map<string, FundingLineEntity>): ReasonRequirement {
  const pct = r.value === null ? null : toPercent(r.value).toFixed(2);
  const line = lines.get(r.key);
  const label = line ? lineLabel(line) : '';
  let message: string;
  switch (r.kind) {
    case 'execution_below_threshold':
      message = r.subject === 'execution'
        ? `预算执行率 ${pct}% 低于 90%，须填写原因 / execution ${pct}% is below 90%: give the reason`
        : `${label} 执行率 ${pct}% 低于 90%，须填写原因 / this line's execution ${pct}% is below 90%: give the reason`;
      break;
    case 'budget_adjusted':
      message = `${label} 全年预算与年初预算不同，须说明调整原因 / the budget was adjusted: explain why`;
      break;
    case 'spent_without_budget':
      message = `${label} 没有预算却有支出，须说明原因 / money spent without a budget: explain why`;
      break;
    case 'indicator_short_of_target':
      message = `“${names.get(r.key) ?? r.key}” 完成 ${pct}%，未达年度指标值，须填写偏差原因及改进措施 / short of target: give the reason`;
      break;
    default:
      message = `“${names.get(r.key) ?? r.key}” 没有实际完成值，须填写实际值或原因 / no actual: enter it or give the reason`;
  }
  return { kind: r.kind, subject: r.subject, key: r.key, valuePercent: pct, reasonGiven: r.reasonGiven, message };
}

function reasonField(r: ReasonRequirement): string {
  if (r.subject === 'execution') return 'executionReason';
  if (r.subject === 'funding_line') return `lineReasons.${r.key}`;
  return `indicators.${r.key}.deviationReason`;
}

function conflictStatus(status: string, action: string): ConflictException {
  return new ConflictException({ statusCode: 409, message: `A ${status} self-evaluation cannot be ${action} / 当前状态（${status}）不允许此操作` });
}
