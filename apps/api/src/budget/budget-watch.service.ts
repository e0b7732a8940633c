import { Injectable, Logger } from '@nestjs/common';
import { BudgetService } from './budget.service.js';
import { BudgetWarningsRepository } from './budget-warnings.repository.js';
import { todayInShanghai } from './budget-dates.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { budgetWarningNotice } from '../notify/outbox/notices.js';
import { NoticeOutbox } from '../notify/outbox/notice-outbox.js';
import { type BudgetWarning, type BudgetWarningKind, type ProjectExecution } from '@app/contracts';

export interface WarningCondition {
  kind: BudgetWarningKind;
  message: string;
  details: Record<string, unknown>;
}

/** The warnings a project's position against 序时进度 calls for (pure: unit-tested). */
export function warningConditions(execution: ProjectExecution): WarningCondition[] {
  const p = execution.progress;
  if (p.status === null) return [];
  const details = {
    asOf: p.asOf,
    paceMode: p.paceMode,
    ratePercent: p.ratePercent,
    expectedPercent: p.expectedPercent,
    gapPoints: p.gapPoints,
    status: p.status,
    projectedYearEndPercent: p.projectedYearEndPercent,
  };
  const conditions: WarningCondition[] = [];
  if (p.isYearEnd && p.status === 'red') {
    conditions.push({
      kind: 'year_end_below_threshold',
      message: `年末执行率 ${p.ratePercent}% 低于 90%，须说明原因 / year-end execution ${p.ratePercent}% is below 90%: an explanation is required`,
      details,
    });
  } else if (p.status !== 'green') {
    conditions.push({
      kind: 'behind_pace',
      message: `截至 ${p.asOf} 执行率 ${p.ratePercent}%，低于序时进度 ${p.expectedPercent}% ${String(p.gapPoints).replace('-', '')} 个百分点 / by ${p.asOf} ${p.ratePercent}% executed, ${String(p.gapPoints).replace('-', '')} points behind the time-elapsed pace of ${p.expectedPercent}%`,
      details,
    });
  }
  if (!p.isYearEnd && p.projectedBelowThreshold) {
    conditions.push({
      kind: 'projected_below_threshold',
      message: `按目前进度，年末执行率预计 ${p.projectedYearEndPercent}%，低于 90% / at this pace the year ends at ${p.projectedYearEndPercent}%`,
      details,
    });
  }
  return conditions;
}

/** budget-watch: compares every project of the current year with 序时进度, raising and clearing warnings. */
@Injectable()
export class BudgetWatchService {
  private readonly logger = new Logger(BudgetWatchService.name);

  constructor(
    private readonly budget: BudgetService,
    private readonly warnings: BudgetWarningsRepository,
    private readonly outbox: NoticeOutbox,
  ) {}

  async watch(today: string = todayInShanghai(), now: Date = new Date()): Promise<{ projects: number; raised: number; cleared: number }> {
    const year = Number(today.slice(0, 4));
    const projects = await this.budget.projectsOfYear(year);
    let raised = 0;
    let cleared = 0;
    const failed: string[] = [];
    for (const project of projects) {
      // One project's failure is logged and must not stop the others.
      try {
        const execution = await this.budget.computeExecution(project, { asOf: today });
        const wanted = new Map(warningConditions(execution).map((c) => [c.kind, c]));
        const open = await this.warnings.findOpen(project.id);
        for (const warning of open) {
          if (!wanted.has(warning.kind)) {
            // The warning and its notice commit together (the outbox).
            await this.warnings.transaction(async (manager) => {
              await this.warnings.clear(warning, now, manager);
              await this.outbox.record(manager, budgetWarningNotice(project, warning, 'cleared'));
            });
            cleared++;
          }
        }
        for (const [kind, condition] of wanted) {
          if (open.some((w) => w.kind === kind)) continue;
          await this.warnings.transaction(async (manager) => {
            const warning = await this.warnings.raise(project.id, kind, condition.message, condition.details, now, manager);
            await this.outbox.record(manager, budgetWarningNotice(project, warning, 'raised'));
          });
          raised++;
        }
      } catch (error) {
        this.logger.error({ err: error, projectId: project.id }, 'budget-watch failed for a project');
        failed.push(project.code);
      }
    }
    // The others were handled; the run is still recorded as failed (and retried) so nobody misses it.
    if (failed.length > 0) throw new Error(`budget-watch failed for ${failed.length} project(s): ${failed.join(', ')}`);
    return { projects: projects.length, raised, cleared };
  }

  async listWarnings(scope: DivisionScope, filter: { open?: boolean; year?: number; projectId?: string; divisionCode?: string }): Promise<BudgetWarning[]> {
    if (filter.divisionCode) scope.assertCovers(filter.divisionCode);
    const rows = await this.warnings.findInScope(scope, filter);
    return rows.map(({ warning, projectName, divisionCode, year }) => ({
      id: warning.id,
      projectId: warning.projectId,
      projectName,
      divisionCode,
      year,
      kind: warning.kind,
      message: warning.message,
      details: warning.details,
      raisedAt: warning.raisedAt.toISOString(),
      clearedAt: warning.clearedAt ? warning.clearedAt.toISOString() : null,
    }));
  }
}
