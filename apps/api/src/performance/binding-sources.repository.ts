import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { sum } from '@app/kpi-core';

export interface MetricYearSum {
  total: string;
  /** The months ('YYYY-MM') that had a row. */
  months: string[];
}

/**
 * Reads the data that indicator bindings point to: the KPI module's rollup `metric_monthly` and the events
 * module's `outreach_event` (both created by the migrations, so always there).
 */
@Injectable()
export class BindingSourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Σ of a metric's monthly values of one division over a calendar year. */
  async sumMetricOverYear(divisionCode: string, metricCode: string, year: number): Promise<MetricYearSum> {
    const rows: Array<{ month: string; value: string }> = await this.dataSource.query(
      `SELECT month, sum(value)::text AS value FROM metric_monthly
        WHERE division_code = $1 AND metric_code = $2 AND month >= $3 AND month <= $4
        GROUP BY month ORDER BY month`,
      [divisionCode, metricCode, `${year}-01`, `${year}-12`],
    );
    return { total: sum(rows.map((r) => r.value)).toString(), months: rows.map((r) => r.month) };
  }

  /**
   * Ids of the approved outreach events linked to an indicator (optionally of one type), oldest first. The link is
   * the event's own choice of indicator (event_indicator), not merely of the project: an event of the project that
   * counts toward another of its indicators does not count here.
   */
  async approvedEventIds(indicatorId: string, eventType: string | null): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT e.id::text AS id FROM outreach_event e
         JOIN event_indicator l ON l.event_id = e.id
        WHERE l.indicator_id = $1 AND e.status = 'approved' AND ($2::text IS NULL OR e.type = $2)
        ORDER BY e.start_date, e.id`,
      [indicatorId, eventType],
    );
    return rows.map((r) => r.id);
  }
}
