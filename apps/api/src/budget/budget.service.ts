import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { BudgetRepository } from './budget.repository.js';
import { conflict, invalid, invalidField } from './budget-errors.js';
import { defaultAsOf, isCalendarDay, lastCompleteMonth, monthEnd } from './budget-dates.js';
import { type CreateFundingLineDto, type CreatePaymentDto, type CreateProjectDto, type QueryProjectsDto, type UpdateFundingLineDto, type UpdatePaymentDto, type UpdateProjectDto } from './dto/budget.dto.js';
import { BudgetProjectEntity } from './entities/budget-project.entity.js';
import { FundingLineEntity } from './entities/funding-line.entity.js';
import { PaymentEntity } from './entities/payment.entity.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import {
  type BudgetProject,
  FUNDING_SOURCE_LABELS,
  FUND_TYPE_LABELS,
  type ExecutionLine,
  type ExecutionMonth,
  type FundingLine,
  type PaceMode,
  type Payment,
  type ProjectExecution,
} from '@app/contracts';
import {
  DEFAULT_PACE_CUTOFFS,
  type Dec,
  type PaceCutoffs,
  budgetExecution,
  executionProgress,
  executionRate,
  formatYuan,
  monthlyPace,
  paceGap,
  sum,
  toPercent,
} from '@app/kpi-core';

const fixed = (value: Dec | null): string | null => (value === null ? null : value.toFixed(2));

/** Projects, funding lines, payments and their execution against 序时进度. Every call is scoped by division. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly repository: BudgetRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // ── projects ────────────────────────────────────────────────────────────────────────────────
  async listProjects(scope: DivisionScope, query: QueryProjectsDto): Promise<BudgetProject[]> {
    if (query.divisionCode) scope.assertCovers(query.divisionCode);
    return (await this.repository.findProjectsInScope(scope, query)).map((p) => this.toProject(p));
  }

  async getProject(scope: DivisionScope, id: string): Promise<BudgetProject> {
    return this.toProject(await this.requireProject(scope, id));
  }

  async createProject(scope: DivisionScope, input: CreateProjectDto): Promise<BudgetProject> {
    scope.assertCovers(input.divisionCode);
    if (await this.repository.findProjectByCode(input.divisionCode, input.year, input.code)) {
      throw conflict('code', `Project code ${input.code} already exists for ${input.divisionCode} in ${input.year} / 项目编码已存在`);
    }
    this.checkPlan(input.monthlyPlan);
    const project = Object.assign(new BudgetProjectEntity(), {
      divisionCode: input.divisionCode,
      year: input.year,
      code: input.code,
      name: input.name,
      aliases: dedupe(input.aliases ?? []),
      category: input.category,
      supervisingUnit: input.supervisingUnit,
      implementingUnit: input.implementingUnit,
      monthlyPlan: input.monthlyPlan ?? null,
      paceMode: input.paceMode ?? 'monthly',
    });
    try {
      return this.toProject(await this.repository.saveProject(project));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('code', `Project code ${input.code} already exists / 项目编码已存在`);
      throw error;
    }
  }

  async updateProject(scope: DivisionScope, id: string, input: UpdateProjectDto): Promise<BudgetProject> {
    const project = await this.requireProject(scope, id);
    if (input.monthlyPlan !== undefined) this.checkPlan(input.monthlyPlan);
    if (input.name !== undefined) project.name = input.name;
    if (input.aliases !== undefined) project.aliases = dedupe(input.aliases);
    if (input.category !== undefined) project.category = input.category;
    if (input.supervisingUnit !== undefined) project.supervisingUnit = input.supervisingUnit;
    if (input.implementingUnit !== undefined) project.implementingUnit = input.implementingUnit;
    if (input.monthlyPlan !== undefined) project.monthlyPlan = input.monthlyPlan;
    if (input.paceMode !== undefined) project.paceMode = input.paceMode;
    return this.toProject(await this.repository.saveProject(project));
  }

  async deleteProject(scope: DivisionScope, id: string): Promise<void> {
    const project = await this.requireProject(scope, id);
    if ((await this.repository.countPaymentsOfProject(id)) > 0) {
      throw conflict('id', 'The project has payments; delete them first / 项目已有支付记录，不能删除');
    }
    await this.repository.removeProject(project);
  }

  // ── funding lines ───────────────────────────────────────────────────────────────────────────
  async listLines(scope: DivisionScope, projectId: string): Promise<FundingLine[]> {
    const project = await this.requireProject(scope, projectId);
    const executed = await this.repository.sumExecutedByLine(project.id, `${project.year}-12-31`);
    return (await this.repository.findLines(project.id)).map((line) => this.toLine(line, executed.get(line.id) ?? '0'));
  }

  async createLine(scope: DivisionScope, projectId: string, input: CreateFundingLineDto): Promise<FundingLine> {
    const project = await this.requireProject(scope, projectId);
    if (await this.repository.findLineBySource(project.id, input.source, input.fundType)) {
      throw conflict('source', `The project already has a ${FUNDING_SOURCE_LABELS[input.source]} / ${FUND_TYPE_LABELS[input.fundType]} line / 该资金行已存在`);
    }
    const line = Object.assign(new FundingLineEntity(), {
      projectId: project.id,
      source: input.source,
      fundType: input.fundType,
      label: input.label || null,
      initialBudget: input.initialBudget,
      adjustedBudget: input.adjustedBudget,
      carriedIn: input.carriedIn ?? '0',
    });
    return this.toLine(await this.repository.saveLine(line), '0');
  }

  async updateLine(scope: DivisionScope, lineId: string, input: UpdateFundingLineDto): Promise<FundingLine> {
    const line = await this.requireLine(scope, lineId);
    if (input.label !== undefined) line.label = input.label || null;
    if (input.initialBudget !== undefined) line.initialBudget = input.initialBudget;
    if (input.adjustedBudget !== undefined) line.adjustedBudget = input.adjustedBudget;
    if (input.carriedIn !== undefined) line.carriedIn = input.carriedIn;
    const saved = await this.repository.saveLine(line);
    const project = (await this.repository.findProject(saved.projectId)) as BudgetProjectEntity;
    const executed = await this.repository.sumExecutedByLine(project.id, `${project.year}-12-31`);
    return this.toLine(saved, executed.get(saved.id) ?? '0');
  }

  async deleteLine(scope: DivisionScope, lineId: string): Promise<void> {
    const line = await this.requireLine(scope, lineId);
    if ((await this.repository.countPaymentsOfLine(lineId)) > 0) {
      throw conflict('id', 'The funding line has payments; delete or move them first / 资金行已有支付记录，不能删除');
    }
    await this.repository.removeLine(line);
  }

  // ── payments ────────────────────────────────────────────────────────────────────────────────
  async listPayments(scope: DivisionScope, projectId: string): Promise<Payment[]> {
    const project = await this.requireProject(scope, projectId);
    return (await this.repository.findPayments(project.id)).map((p) => this.toPayment(p));
  }

  async createPayment(scope: DivisionScope, projectId: string, input: CreatePaymentDto): Promise<Payment> {
    const project = await this.requireProject(scope, projectId);
    await this.checkPayment(project, input.fundingLineId, input.paidOn);
    const payment = Object.assign(new PaymentEntity(), {
      projectId: project.id,
      fundingLineId: input.fundingLineId,
      paidOn: input.paidOn,
      amount: input.amount,
      functionalCode: input.functionalCode,
      economicCode: input.economicCode,
      memo: input.memo || null,
    });
    return this.toPayment(await this.repository.savePayment(payment));
  }

  async updatePayment(scope: DivisionScope, paymentId: string, input: UpdatePaymentDto): Promise<Payment> {
    const payment = await this.repository.findPayment(paymentId);
    if (!payment) throw new NotFoundException(`Payment ${paymentId} does not exist / 支付记录不存在`);
    const project = await this.requireProject(scope, payment.projectId);
    const fundingLineId = input.fundingLineId ?? payment.fundingLineId;
    const paidOn = input.paidOn ?? payment.paidOn;
    await this.checkPayment(project, fundingLineId, paidOn);
    Object.assign(payment, {
      fundingLineId,
      paidOn,
      amount: input.amount ?? payment.amount,
      functionalCode: input.functionalCode ?? payment.functionalCode,
      economicCode: input.economicCode ?? payment.economicCode,
      memo: input.memo === undefined ? payment.memo : input.memo || null,
    });
    return this.toPayment(await this.repository.savePayment(payment));
  }

  async deletePayment(scope: DivisionScope, paymentId: string): Promise<void> {
    const payment = await this.repository.findPayment(paymentId);
    if (!payment) throw new NotFoundException(`Payment ${paymentId} does not exist / 支付记录不存在`);
    await this.requireProject(scope, payment.projectId);
    await this.repository.removePayment(payment);
  }

  // ── execution ───────────────────────────────────────────────────────────────────────────────
  async getExecution(scope: DivisionScope, projectId: string, options: { asOf?: string; pace?: PaceMode }): Promise<ProjectExecution> {
    return this.computeExecution(await this.requireProject(scope, projectId), options);
  }

  /**
   * Execution by funding line and in total, cumulative by month, and the position against 序时进度 at `asOf`
   * (monthly: at the end of the last complete month, with the project's 用款计划 when it has one; daily: that day).
   */
  async computeExecution(project: BudgetProjectEntity, options: { asOf?: string; pace?: PaceMode } = {}): Promise<ProjectExecution> {
    const asOf = options.asOf ?? defaultAsOf(project.year);
    if (!isCalendarDay(asOf) || Number(asOf.slice(0, 4)) !== project.year) {
      throw invalidField('asOf', `asOf must be a day of the project year ${project.year} / 须为项目年度内的日期`);
    }
    const lines = await this.repository.findLines(project.id);
    const byLine = await this.repository.sumExecutedByLine(project.id, asOf);
    const execution = budgetExecution(
      lines.map((line) => ({
        key: line.id,
        label: lineLabel(line),
        initialBudget: line.initialBudget,
        adjustedBudget: line.adjustedBudget,
        executed: byLine.get(line.id) ?? '0',
      })),
    );
    const byMonth = await this.repository.sumExecutedByMonth(project.id, asOf);
    const plan = project.monthlyPlan && sum(project.monthlyPlan).greaterThan(0) ? project.monthlyPlan : undefined;
    const budget = execution.total.budget;
    const lastMonth = Number(asOf.slice(5, 7));

    const months: ExecutionMonth[] = [];
    const cumulative: Dec[] = [];
    for (let m = 1; m <= lastMonth; m++) {
      const inMonth = byMonth.get(m) ?? '0';
      const total = sum([cumulative[m - 2] ?? 0, inMonth]);
      cumulative.push(total);
      const { rate } = executionRate(total, budget);
      const expected = monthlyPace(m, plan);
      months.push({
        month: `${project.year}-${String(m).padStart(2, '0')}`,
        executedInMonth: formatYuan(inMonth),
        cumulativeExecuted: formatYuan(total),
        cumulativeRatePercent: rate === null ? null : toPercent(rate).toFixed(2),
        expectedPercent: toPercent(expected).toFixed(2),
        gapPoints: rate === null ? null : paceGap(rate, expected).toDecimalPlaces(2).toFixed(2),
      });
    }

    const requestedMode = options.pace ?? project.paceMode;
    const measuredMonth = lastCompleteMonth(asOf);
    // In January no month is complete yet: the daily pace is the only meaningful one.
    const mode: PaceMode = requestedMode === 'monthly' && measuredMonth >= 1 ? 'monthly' : 'daily';
    const executed = mode === 'monthly' ? cumulative[measuredMonth - 1] : execution.total.executed;
    const progress = executionProgress({
      executed,
      budget,
      at: mode === 'monthly' ? { month: measuredMonth, plan } : { date: asOf },
      cutoffs: this.cutoffs(),
    });

    const toExecutionLine = (l: (typeof execution.lines)[number], line: FundingLineEntity): ExecutionLine => ({
      fundingLineId: line.id,
      source: line.source,
      fundType: line.fundType,
      label: l.label ?? '',
      initialBudget: formatYuan(line.initialBudget),
      adjustedBudget: formatYuan(l.budget),
      executed: formatYuan(l.executed),
      ratePercent: fixed(l.ratePercent),
    });
    return {
      projectId: project.id,
      year: project.year,
      lines: execution.lines.map((l, i) => toExecutionLine(l, lines[i])),
      total: {
        fundingLineId: null,
        source: null,
        fundType: null,
        label: '年度资金总额',
        initialBudget: formatYuan(sum(lines.map((l) => l.initialBudget))),
        adjustedBudget: formatYuan(execution.total.budget),
        executed: formatYuan(execution.total.executed),
        ratePercent: fixed(execution.total.ratePercent),
      },
      months,
      progress: {
        asOf: mode === 'monthly' ? monthEnd(project.year, measuredMonth) : asOf,
        paceMode: mode,
        month: mode === 'monthly' ? measuredMonth : null,
        executed: formatYuan(executed),
        ratePercent: fixed(progress.ratePercent),
        expectedPercent: progress.expectedPercent.toFixed(2),
        gapPoints: fixed(progress.gapPointsRounded),
        status: progress.status,
        projectedYearEndPercent: fixed(progress.projectedYearEndPercent),
        projectedBelowThreshold: progress.projectedBelowThreshold,
        isYearEnd: progress.isYearEnd,
      },
    };
  }

  /** Projects of a year across every division (for the budget-watch job, which has no user scope). */
  projectsOfYear(year: number): Promise<BudgetProjectEntity[]> {
    return this.repository.findProjectsOfYear(year);
  }

  // ── shared helpers (also used by the payment import and the performance module) ─────────────
  async requireProject(scope: DivisionScope, id: string): Promise<BudgetProjectEntity> {
    const project = await this.repository.findProject(id);
    if (!project) throw new NotFoundException(`Budget project ${id} does not exist / 项目不存在`);
    scope.assertCovers(project.divisionCode);
    return project;
  }

  findLines(projectId: string): Promise<FundingLineEntity[]> {
    return this.repository.findLines(projectId);
  }

  cutoffs(): PaceCutoffs {
    return this.config.budget?.paceCutoffs ?? DEFAULT_PACE_CUTOFFS;
  }

  toProject(row: BudgetProjectEntity): BudgetProject {
    return {
      id: row.id,
      divisionCode: row.divisionCode,
      year: row.year,
      code: row.code,
      name: row.name,
      aliases: row.aliases ?? [],
      category: row.category,
      supervisingUnit: row.supervisingUnit,
      implementingUnit: row.implementingUnit,
      monthlyPlan: row.monthlyPlan ? row.monthlyPlan.map((v) => formatYuan(v)) : null,
      paceMode: row.paceMode,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  private async requireLine(scope: DivisionScope, lineId: string): Promise<FundingLineEntity> {
    const line = await this.repository.findLine(lineId);
    if (!line) throw new NotFoundException(`Funding line ${lineId} does not exist / 资金行不存在`);
    await this.requireProject(scope, line.projectId);
    return line;
  }

  private async checkPayment(project: BudgetProjectEntity, fundingLineId: string, paidOn: string): Promise<void> {
    const errors = [];
    const line = await this.repository.findLine(fundingLineId);
    if (!line || line.projectId !== project.id) {
      errors.push({ field: 'fundingLineId', message: 'the funding line does not belong to this project / 资金行不属于该项目' });
    }
    if (!isCalendarDay(paidOn)) errors.push({ field: 'paidOn', message: 'paidOn is not a calendar day / 日期不存在' });
    else if (Number(paidOn.slice(0, 4)) !== project.year) {
      errors.push({ field: 'paidOn', message: `paidOn must lie within the project year ${project.year} / 支付日期须在项目年度内` });
    }
    if (errors.length > 0) throw invalid(errors);
  }

  private checkPlan(plan: string[] | null | undefined): void {
    if (plan && !sum(plan).greaterThan(0)) throw invalidField('monthlyPlan', 'the monthly plan must total more than 0 / 用款计划合计须大于0');
  }

  private toLine(line: FundingLineEntity, executed: string): FundingLine {
    return {
      id: line.id,
      projectId: line.projectId,
      source: line.source,
      fundType: line.fundType,
      label: lineLabel(line),
      initialBudget: formatYuan(line.initialBudget),
      adjustedBudget: formatYuan(line.adjustedBudget),
      carriedIn: formatYuan(line.carriedIn),
      executed: formatYuan(executed),
    };
  }

  toPayment(row: PaymentEntity): Payment {
    return {
      id: row.id,
      projectId: row.projectId,
      fundingLineId: row.fundingLineId,
      paidOn: row.paidOn,
      amount: formatYuan(row.amount),
      functionalCode: row.functionalCode,
      economicCode: row.economicCode,
      memo: row.memo,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/** 上级财政资金 (一般公共预算) unless a label was given. */
export function lineLabel(line: Pick<FundingLineEntity, 'label' | 'source' | 'fundType'>): string {
  return line.label || `${FUNDING_SOURCE_LABELS[line.source]}（${FUND_TYPE_LABELS[line.fundType]}）`;
}

function dedupe(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
