import { type EntityManager } from 'typeorm';
import { BUDGET_DEMO_DIVISION, BUDGET_DEMO_PROJECTS, BUDGET_DEMO_YEAR, type DemoProject } from './budget-demo-seed.js';
import { currentYearBudgetProjects } from './budget-demo-current.js';
import { BudgetProjectEntity } from '../../budget/entities/budget-project.entity.js';
import { FundingLineEntity } from '../../budget/entities/funding-line.entity.js';
import { PaymentEntity } from '../../budget/entities/payment.entity.js';
import { PerformanceIndicatorEntity } from '../../performance/entities/performance-indicator.entity.js';
import { SelfEvaluationEntity } from '../../performance/entities/self-evaluation.entity.js';
import { LEVEL1_OF_LEVEL2, shanghaiDay } from '@app/kpi-core';

/**
 * West District's three 2021 projects (seed 附件2–4) with lines, payments, indicators and a draft
 * self-evaluation each (Sichuan template), and the same three of the current year, in progress.
 */
export async function loadBudgetDemo(manager: EntityManager, today: string = shanghaiDay(new Date())): Promise<void> {
  const years: Array<[number, readonly DemoProject[]]> = [[BUDGET_DEMO_YEAR, BUDGET_DEMO_PROJECTS]];
  if (Number(today.slice(0, 4)) > BUDGET_DEMO_YEAR) years.push([Number(today.slice(0, 4)), currentYearBudgetProjects(today)]);
  for (const [year, projects] of years) await loadProjects(manager, year, projects);
}

async function loadProjects(manager: EntityManager, year: number, projects: readonly DemoProject[]): Promise<void> {
  for (const demo of projects) {
    const project = await manager.save(
      Object.assign(new BudgetProjectEntity(), {
        divisionCode: BUDGET_DEMO_DIVISION,
        year,
        code: demo.code,
        name: demo.name,
        aliases: demo.aliases,
        category: demo.category,
        supervisingUnit: demo.supervisingUnit,
        implementingUnit: demo.implementingUnit,
        monthlyPlan: null,
        paceMode: 'monthly',
      }),
    );
    const lineReasons: Record<string, string> = {};
    for (const line of demo.lines) {
      const saved = await manager.save(
        Object.assign(new FundingLineEntity(), {
          projectId: project.id,
          source: line.source,
          fundType: line.fundType,
          label: line.label ?? null,
          initialBudget: line.initialBudget,
          adjustedBudget: line.adjustedBudget,
          carriedIn: line.carriedIn ?? '0',
        }),
      );
      if (line.reason) lineReasons[saved.id] = line.reason;
      const payments = line.payments.map(([paidOn, amount, functionalCode, economicCode, memo]) =>
        Object.assign(new PaymentEntity(), { projectId: project.id, fundingLineId: saved.id, paidOn, amount, functionalCode, economicCode, memo }),
      );
      if (payments.length > 0) await manager.save(payments);
    }
    const indicators = demo.indicators.map((i, index) =>
      Object.assign(new PerformanceIndicatorEntity(), {
        projectId: project.id,
        level1: LEVEL1_OF_LEVEL2[i.level2],
        level2: i.level2,
        name: i.name,
        direction: i.direction,
        targetValue: i.targetValue ?? null,
        targetText: i.targetText ?? null,
        unit: i.unit ?? null,
        weight: null,
        actualValue: i.actualValue ?? null,
        actualText: i.actualText ?? null,
        qualitativeTier: i.tier ?? null,
        qualitativeShare: null,
        notApplicable: false,
        reverseFormula: null,
        deviationReason: i.reason ?? null,
        bindingKind: i.binding?.kind ?? 'manual',
        bindingMetric: i.binding?.metricCode ?? null,
        bindingEventType: i.binding?.eventType ?? null,
        sortOrder: (index + 1) * 10,
      }),
    );
    await manager.save(indicators);
    await manager.save(
      Object.assign(new SelfEvaluationEntity(), {
        projectId: project.id,
        template: 'sichuan',
        customWeights: null,
        status: 'draft',
        expectedGoal: demo.expectedGoal,
        achievedGoal: demo.achievedGoal,
        executionReason: null,
        lineReasons,
        preparer: null,
        phone: null,
        filledOn: null,
        snapshot: null,
        submittedAt: null,
        frozenAt: null,
      }),
    );
  }
}
