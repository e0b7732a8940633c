import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { type RankingStatus } from '@app/contracts';

export interface PanelReadQuery {
  /** The division and every county-level division under it (one code for a county). */
  divisionCodes: readonly string[];
  /** First month of the window of monthly values ('YYYY-MM', the same month last year). */
  fromMonth: string;
  /** The panel's month. */
  month: string;
  /** The year whose targets apply. */
  year: number;
  /** Set for a county-level division: its city and whether unpublished ranking versions count. */
  rank: { division: string; city: string; includeDrafts: boolean } | null;
}

export interface PanelReadResult {
  /** Monthly totals over the divisions, per metric and month of the window. */
  window: Array<{ metricCode: string; month: string; value: string }>;
  /** Per metric, the total since the launch to the end of the month. */
  cumulative: Map<string, string>;
  /** The newest refresh of any rollup row counted. */
  asOf: Date | null;
  /** The year's targets of the divisions (the division's own and its children's). */
  targets: Array<{ divisionCode: string; metricCode: string; annual: string; monthlyPlan: string[] | null }>;
  /** The division's place in the month's newest published ranking; without one, in the newest draft if the reader may see drafts. */
  rank: { position: number; of: number; score: number; published: boolean } | null;
}

interface PanelReadRow {
  part: 'window' | 'cumulative' | 'target' | 'rank';
  division_code: string | null;
  metric_code: string | null;
  month: string | null;
  value: string | null;
  plan: string[] | null;
  as_of: Date | null;
  position: number | null;
  of: number | null;
  status: RankingStatus | null;
}

/**
 * The read model of the monthly panel: everything one panel needs — rollup values, targets and
 * the rank badge — in a single round trip. The panel is the most requested page, and each
 * round trip costs more than the SQL behind it, so the four reads are one UNION ALL statement.
 * It only reads the rollups, kpi_target and ranking_snapshot, never the fact tables.
 */
@Injectable()
export class PanelReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(query: PanelReadQuery): Promise<PanelReadResult> {
    // A named statement: each pooled connection plans it once (it is the hottest query of the app),
    // which saves more than the SQL itself costs. Hence the pg pool directly rather than dataSource.query.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<PanelReadRow>({
      name: 'panel-read',
      text: `SELECT 'window' AS part, NULL::text AS division_code, metric_code, month::text AS month, sum(value)::text AS value,
              NULL::text[] AS plan, NULL::timestamptz AS as_of, NULL::int AS position, NULL::int AS of, NULL::text AS status
         FROM metric_monthly WHERE division_code = ANY($1::char(6)[]) AND month BETWEEN $2 AND $3
        GROUP BY metric_code, month
       UNION ALL
       SELECT 'cumulative', NULL, metric_code, NULL, sum(value)::text, NULL, max(refreshed_at), NULL, NULL, NULL
         FROM metric_monthly WHERE division_code = ANY($1::char(6)[]) AND month <= $3
        GROUP BY metric_code
       UNION ALL
       SELECT 'target', division_code::text, metric_code, NULL, annual::text, monthly_plan::text[], NULL, NULL, NULL, NULL
         FROM kpi_target WHERE division_code = ANY($1::char(6)[]) AND year = $4
       UNION ALL
       (SELECT 'rank', NULL, NULL, NULL, e->>'score', NULL, NULL, (e->>'rank')::int, jsonb_array_length(s.entries), s.status
          FROM ranking_snapshot s CROSS JOIN LATERAL jsonb_array_elements(s.entries) AS e
         WHERE $5::text IS NOT NULL AND s.city_code = $6 AND s.month = $3 AND s.basis = 'month' AND e->>'division' = $5
           AND (s.status = 'published' OR $7)
         ORDER BY s.status = 'published' DESC, s.version DESC LIMIT 1)`,
      values: [query.divisionCodes, query.fromMonth, query.month, query.year, query.rank?.division ?? null, query.rank?.city ?? null, query.rank?.includeDrafts ?? false],
    });
    const result: PanelReadResult = { window: [], cumulative: new Map(), asOf: null, targets: [], rank: null };
    for (const row of rows) {
      switch (row.part) {
        case 'window':
          result.window.push({ metricCode: row.metric_code!, month: row.month!, value: row.value! });
          break;
        case 'cumulative':
          result.cumulative.set(row.metric_code!, row.value!);
          if (row.as_of && (!result.asOf || row.as_of > result.asOf)) result.asOf = row.as_of;
          break;
        case 'target':
          result.targets.push({ divisionCode: row.division_code!, metricCode: row.metric_code!, annual: row.value!, monthlyPlan: row.plan });
          break;
        case 'rank':
          result.rank = { position: row.position!, of: row.of!, score: Number(row.value), published: row.status === 'published' };
          break;
      }
    }
    return result;
  }
}
