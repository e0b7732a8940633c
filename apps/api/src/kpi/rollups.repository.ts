import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { dailyMetricsSelect } from './rollup-sql.js';
import { ReadReplicas } from '../database/read-replicas.js';
import { withPlannerSettings } from '../database/planner-settings.js';

export interface TouchedDay {
  divisionCode: string;
  day: string;
}

export interface MonthlyValueRow {
  divisionCode: string;
  metricCode: string;
  month: string;
  value: string;
}

export interface YearlyRollupDifference {
  divisionCode: string;
  metricCode: string;
  year: number;
  stored: string | null;
  /** The sum of the year's monthly rows. */
  expected: string | null;
}

export interface RollupDifference {
  divisionCode: string;
  metricCode: string;
  day: string;
  stored: string | null;
  expected: string | null;
}

// Serialises rollup refreshes: two imports touching the same day must not interleave their
// delete-and-insert of that day's rows.
const ROLLUP_LOCK_KEY = 7_240_288_000;

const TOUCHED_CTE = `touched_day AS (SELECT DISTINCT division_code::char(6), day::date FROM unnest($1::text[], $2::text[]) AS t(division_code, day))`;

/** The one definition of metric_yearly's rows: a year is the sum of its months (`narrowing` is a JOIN or WHERE on `m`). */
const yearlySums = (narrowing: string) =>
  `SELECT m.division_code, left(m.month, 4)::smallint AS year, m.metric_code, sum(m.value) AS value, max(m.refreshed_at) AS refreshed_at
     FROM metric_monthly m ${narrowing}
    GROUP BY m.division_code, left(m.month, 4), m.metric_code`;
const monthsOfYears = (from: string, to: string) => `m.month BETWEEN (${from} || '-01')::char(7) AND (${to} || '-12')::char(7)`;

/** The KPI rollup tables: the only place panels and rankings read metric values from. */
@Injectable()
export class RollupsRepository {
  private eventsTableKnown = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Recomputes the daily rows of exactly these (division, day) pairs from the facts, then the
   * monthly rows of their months. Must run inside the transaction that changed the facts.
   */
  async refreshDays(manager: EntityManager, touched: readonly TouchedDay[]): Promise<number> {
    if (touched.length === 0) return 0;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
    const params = [touched.map((t) => t.divisionCode), touched.map((t) => t.day)];
    const withEvents = await this.hasEventsTable(manager);
    await manager.query(
      `WITH ${TOUCHED_CTE}
       DELETE FROM metric_daily m USING touched_day t WHERE m.division_code = t.division_code AND m.day = t.day`,
      params,
    );
    // The planner cannot know how many facts the touched days hold (the pairs come from unnested
    // arrays): for an import touching every day of a year it sorted 1,000,000 deals on disk for their
    // groups (2.2 s) where hashing them takes 0.7 s. A few touched days hash just as well.
    await withPlannerSettings(manager, { enable_sort: 'off' }, () =>
      manager.query(
        `WITH ${TOUCHED_CTE}
         INSERT INTO metric_daily (division_code, day, metric_code, value)
         SELECT * FROM (${dailyMetricsSelect(withEvents)}) AS computed(division_code, day, metric_code, value)`,
        params,
      ),
    );
    const months = `touched_month AS (SELECT DISTINCT division_code, date_trunc('month', day)::date AS first_day FROM touched_day)`;
    await manager.query(
      `WITH ${TOUCHED_CTE}, ${months}
       DELETE FROM metric_monthly m USING touched_month tm
        WHERE m.division_code = tm.division_code AND m.month = to_char(tm.first_day, 'YYYY-MM')`,
      params,
    );
    await manager.query(
      `WITH ${TOUCHED_CTE}, ${months}
       INSERT INTO metric_monthly (division_code, month, metric_code, value, refreshed_at)
       SELECT d.division_code, to_char(tm.first_day, 'YYYY-MM'), d.metric_code, sum(d.value), now()
         FROM metric_daily d
         JOIN touched_month tm ON d.division_code = tm.division_code
          AND d.day >= tm.first_day AND d.day < (tm.first_day + interval '1 month')
        GROUP BY d.division_code, tm.first_day, d.metric_code`,
      params,
    );
    const years = `touched_year AS (SELECT DISTINCT division_code, extract(year FROM day)::smallint AS year FROM touched_day)`;
    await manager.query(
      `WITH ${TOUCHED_CTE}, ${years}
       DELETE FROM metric_yearly y USING touched_year ty WHERE y.division_code = ty.division_code AND y.year = ty.year`,
      params,
    );
    await manager.query(
      `WITH ${TOUCHED_CTE}, ${years}
       INSERT INTO metric_yearly (division_code, year, metric_code, value, refreshed_at)
       ${yearlySums(`JOIN touched_year ty ON m.division_code = ty.division_code AND ${monthsOfYears('ty.year', 'ty.year')}`)}`,
      params,
    );
    return touched.length;
  }

  /**
   * Rebuilds every rollup row between two days (inclusive) with one pass over the facts: the fast
   * path for loading or repairing much data (a per-day refresh of years would join millions of pairs).
   */
  async rebuildRange(manager: EntityManager, from: string, to: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [ROLLUP_LOCK_KEY]);
    const withEvents = await this.hasEventsTable(manager);
    await manager.query('DELETE FROM metric_daily WHERE day BETWEEN $1::date AND $2::date', [from, to]);
    await manager.query(
      `INSERT INTO metric_daily (division_code, day, metric_code, value)
       SELECT * FROM (${dailyMetricsSelect(withEvents, 'range')}) AS computed(division_code, day, metric_code, value)`,
      [from, to],
    );
    await manager.query(`DELETE FROM metric_monthly WHERE month BETWEEN to_char($1::date, 'YYYY-MM')::char(7) AND to_char($2::date, 'YYYY-MM')::char(7)`, [from, to]);
    await manager.query(
      `INSERT INTO metric_monthly (division_code, month, metric_code, value, refreshed_at)
       SELECT division_code, to_char(day, 'YYYY-MM'), metric_code, sum(value), now() FROM metric_daily
        WHERE day >= date_trunc('month', $1::date) AND day < date_trunc('month', $2::date) + interval '1 month'
        GROUP BY division_code, to_char(day, 'YYYY-MM'), metric_code`,
      [from, to],
    );
    await this.refreshYears(manager, Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  }

  /** Recomputes metric_yearly of every division for the years between two years (inclusive) from metric_monthly. */
  async refreshYears(manager: EntityManager, fromYear: number, toYear: number): Promise<void> {
    await manager.query('DELETE FROM metric_yearly WHERE year BETWEEN $1 AND $2', [fromYear, toYear]);
    await manager.query(
      `INSERT INTO metric_yearly (division_code, year, metric_code, value, refreshed_at) ${yearlySums(`WHERE ${monthsOfYears('$1', '$2')}`)}`,
      [fromYear, toYear],
    );
  }

  /** Stored yearly rows that differ from the sum of their monthly rows, for the years between two years. */
  async findYearlyDifferences(manager: EntityManager, fromYear: number, toYear: number): Promise<YearlyRollupDifference[]> {
    const rows: Array<{ division_code: string; metric_code: string; year: number; stored: string | null; expected: string | null }> = await manager.query(
      `WITH stored AS (SELECT division_code, year, metric_code, value FROM metric_yearly WHERE year BETWEEN $1 AND $2),
       expected AS (${yearlySums(`WHERE ${monthsOfYears('$1', '$2')}`)})
       SELECT coalesce(e.division_code, s.division_code) AS division_code, coalesce(e.metric_code, s.metric_code) AS metric_code,
              coalesce(e.year, s.year)::int AS year, s.value::text AS stored, e.value::text AS expected
         FROM expected e FULL JOIN stored s ON s.division_code = e.division_code AND s.year = e.year AND s.metric_code = e.metric_code
        WHERE s.value IS DISTINCT FROM e.value
        ORDER BY 1, 3, 2`,
      [fromYear, toYear],
    );
    return rows.map((row) => ({ divisionCode: row.division_code, metricCode: row.metric_code, year: row.year, stored: row.stored, expected: row.expected }));
  }

  /** Every (division, day) that has facts, or rollups, between two days (inclusive). */
  async findDaysWithData(manager: EntityManager, from: string, to: string): Promise<TouchedDay[]> {
    const withEvents = await this.hasEventsTable(manager);
    const rows: Array<{ division_code: string; day: string }> = await manager.query(
      `SELECT DISTINCT division_code, day::text AS day FROM (
         SELECT division_code, deal_date AS day FROM deal WHERE deal_date BETWEEN $1 AND $2
         UNION SELECT division_code, listed_date FROM listing WHERE listed_date BETWEEN $1 AND $2
         UNION SELECT division_code, registered_date FROM registration WHERE registered_date BETWEEN $1 AND $2
         UNION SELECT division_code, service_date FROM popsci_service WHERE service_date BETWEEN $1 AND $2
         UNION SELECT division_code, day FROM metric_daily WHERE day BETWEEN $1 AND $2
         ${withEvents ? `UNION SELECT division_code, start_date FROM outreach_event WHERE start_date BETWEEN $1 AND $2` : ''}
       ) AS days ORDER BY 1, 2`,
      [from, to],
    );
    return rows.map((row) => ({ divisionCode: row.division_code, day: row.day }));
  }

  /** Stored daily rows that differ from what the facts give now (for the nightly check). */
  async findDifferences(manager: EntityManager, touched: readonly TouchedDay[]): Promise<RollupDifference[]> {
    if (touched.length === 0) return [];
    const withEvents = await this.hasEventsTable(manager);
    const rows: Array<{ division_code: string; metric_code: string; day: string; stored: string | null; expected: string | null }> = await manager.query(
      `WITH ${TOUCHED_CTE},
       expected AS (SELECT * FROM (${dailyMetricsSelect(withEvents)}) AS c(division_code, day, metric_code, value)),
       stored AS (SELECT m.division_code, m.day, m.metric_code, m.value FROM metric_daily m
                    JOIN touched_day t ON t.division_code = m.division_code AND t.day = m.day)
       SELECT coalesce(e.division_code, s.division_code) AS division_code, coalesce(e.metric_code, s.metric_code) AS metric_code,
              coalesce(e.day, s.day)::text AS day, s.value::text AS stored, e.value::text AS expected
         FROM expected e FULL JOIN stored s
           ON s.division_code = e.division_code AND s.day = e.day AND s.metric_code = e.metric_code
        WHERE s.value IS DISTINCT FROM e.value
        ORDER BY 1, 3, 2`,
      [touched.map((t) => t.divisionCode), touched.map((t) => t.day)],
    );
    return rows.map((row) => ({ divisionCode: row.division_code, metricCode: row.metric_code, day: row.day, stored: row.stored, expected: row.expected }));
  }

  /** Monthly values per division and metric for the given divisions and months (inclusive). */
  async findMonthly(divisionCodes: readonly string[], fromMonth: string, toMonth: string): Promise<MonthlyValueRow[]> {
    // A read replica's for a reader's request (ReadReplicas), the primary's for jobs and writes.
    const { rows } = await this.replicas.pool().query<{ division_code: string; metric_code: string; month: string; value: string }>(
      `SELECT division_code, metric_code, month, value::text AS value FROM metric_monthly
        WHERE division_code = ANY($1::char(6)[]) AND month BETWEEN $2 AND $3`,
      [divisionCodes, fromMonth, toMonth],
    );
    return rows.map((row) => ({ divisionCode: row.division_code, metricCode: row.metric_code, month: row.month, value: row.value }));
  }

  /** Monthly values summed over the given divisions (a city or province panel). */
  async findMonthlyTotals(divisionCodes: readonly string[], fromMonth: string, toMonth: string): Promise<Array<{ metricCode: string; month: string; value: string }>> {
    const { rows } = await this.replicas.pool().query<{ metric_code: string; month: string; value: string }>(
      `SELECT metric_code, month, sum(value)::text AS value FROM metric_monthly
        WHERE division_code = ANY($1::char(6)[]) AND month BETWEEN $2 AND $3
        GROUP BY metric_code, month`,
      [divisionCodes, fromMonth, toMonth],
    );
    return rows.map((row) => ({ metricCode: row.metric_code, month: row.month, value: row.value }));
  }

  private async hasEventsTable(manager: EntityManager): Promise<boolean> {
    if (this.eventsTableKnown) return true;
    const [{ exists }] = await manager.query(`SELECT to_regclass('public.outreach_event') IS NOT NULL AS exists`);
    this.eventsTableKnown = exists;
    return exists;
  }
}
