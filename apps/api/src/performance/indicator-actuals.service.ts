import { Injectable } from '@nestjs/common';
import { type ActualSource, METRICS_BY_CODE, type MetricCode, type ProjectExecution } from '@app/contracts';
import { dec } from '@app/kpi-core';
import { BindingSourcesRepository } from './binding-sources.repository.js';
import { type PerformanceIndicatorEntity } from './entities/performance-indicator.entity.js';
import { type ResolvedIndicator } from './indicator-rows.js';
import { BudgetService } from '../budget/budget.service.js';
import { type BudgetProjectEntity } from '../budget/entities/budget-project.entity.js';

/** Where an indicator's actual comes from: entered by staff, or bound to the platform's figures, the events or the budget. */
@Injectable()
export class IndicatorActualsService {
  constructor(
    private readonly sources: BindingSourcesRepository,
    private readonly budget: BudgetService,
  ) {}

  /** Bound actuals, computed on read: a metric's months of the year summed, the approved events linked, the execution rate. */
  async resolve(project: BudgetProjectEntity, rows: PerformanceIndicatorEntity[], execution?: ProjectExecution): Promise<ResolvedIndicator[]> {
    const out: ResolvedIndicator[] = [];
    let exec = execution;
    for (const row of rows) {
      const entered = row.actualValue === null ? null : dec(row.actualValue).toString();
      const manual: ActualSource = { kind: 'manual', available: true, description: '人工填报 / entered by staff', value: entered, link: null, ids: [] };
      if (row.bindingKind === 'metric' && row.bindingMetric) {
        const metric = METRICS_BY_CODE[row.bindingMetric as MetricCode];
        const description = `${metric?.nameZh ?? row.bindingMetric}：${project.year}年各月合计（${row.bindingMetric}）`;
        const { total, months } = await this.sources.sumMetricOverYear(project.divisionCode, row.bindingMetric, project.year);
        const link = `/api/v1/kpi/metrics/${row.bindingMetric}/monthly?divisionCode=${project.divisionCode}&year=${project.year}`;
        out.push({ row, actualValue: total, source: { kind: 'metric', available: true, description, value: total, link, ids: months } });
      } else if (row.bindingKind === 'events') {
        const description = `关联本指标且已审核通过的科普活动${row.bindingEventType ? `（类型 ${row.bindingEventType}）` : ''}场次`;
        const ids = await this.sources.approvedEventIds(row.id, row.bindingEventType);
        const typeFilter = row.bindingEventType ? `&type=${encodeURIComponent(row.bindingEventType)}` : '';
        const link = `/api/v1/events?indicatorId=${row.id}&status=approved${typeFilter}`;
        out.push({ row, actualValue: String(ids.length), source: { kind: 'events', available: true, description, value: String(ids.length), link, ids } });
      } else if (row.bindingKind === 'execution') {
        exec ??= await this.budget.computeExecution(project);
        const total = exec.total;
        const value = total.ratePercent === null ? null : dec(total.executed).dividedBy(total.adjustedBudget).times(100).toString();
        out.push({
          row,
          actualValue: value,
          source: { kind: 'execution', available: true, description: `项目预算执行率（截至 ${exec.progress.asOf}）`, value, link: `/api/v1/budget/projects/${project.id}/execution`, ids: [project.id] },
        });
      } else {
        out.push({ row, actualValue: entered, source: manual });
      }
    }
    return out;
  }
}
