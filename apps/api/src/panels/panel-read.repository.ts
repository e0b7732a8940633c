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
  window: Array<[metricCode: string, month: string, value: string]>;
  cumulative: Array<[metricCode: string, value: string]>;
  as_of: Date | null;
  targets: Array<[divisionCode: string, metricCode: string, annual: string, monthlyPlan: string[] | null]>;
  rank: [position: number, of: number, score: string, status: RankingStatus] | null;
}

/**
 * The read model of the monthly panel: everything one panel needs — rollup values, targets and
 * the rank badge — in a single round trip and a single row. The panel is the most requested page, and
 * each round trip costs more than the SQL behind it, so the four reads are one statement.
 * It only reads the rollups, kpi_target and ranking_snapshot, never the fact tables.
 */
@Injectable()
export class PanelReadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(query: PanelReadQuery): Promise<PanelReadResult> {
    // A named statement: each pooled connection plans it once (it is the hottest query of the app),
    // which saves more than the SQL itself costs. Hence the pg pool directly rather than dataSource.query.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    // One row of json columns: pg hands json to JSON.parse, far cheaper than ~450 rows of typed fields.
    // Amounts travel as text inside the json, so they stay exact.
    const { rows } = await pool.query<PanelReadRow>({
      name: 'panel-read',
      text: `WITH months AS (
         SELECT metric_code, month, sum(value) AS value FROM metric_monthly
          WHERE division_code = ANY($1::char(6)[]) AND month BETWEEN $2 AND $3 GROUP BY metric_code, month),
       totals AS (
         SELECT metric_code, sum(value) AS value, max(refreshed_at) AS as_of FROM metric_monthly
          WHERE division_code = ANY($1::char(6)[]) AND month <= $3 GROUP BY metric_code)
       SELECT
         (SELECT coalesce(json_agg(json_build_array(metric_code, month, value::text)), '[]') FROM months) AS window,
         (SELECT coalesce(json_agg(json_build_array(metric_code, value::text)), '[]') FROM totals) AS cumulative,
         (SELECT max(as_of) FROM totals) AS as_of,
         (SELECT coalesce(json_agg(json_build_array(division_code, metric_code, annual::text, monthly_plan::text[])), '[]')
            FROM kpi_target WHERE division_code = ANY($1::char(6)[]) AND year = $4) AS targets,
         (SELECT json_build_array((e->>'rank')::int, jsonb_array_length(s.entries), e->>'score', s.status)
            FROM ranking_snapshot s CROSS JOIN LATERAL jsonb_array_elements(s.entries) AS e
           WHERE $5::text IS NOT NULL AND s.city_code = $6 AND s.month = $3 AND s.basis = 'month' AND e->>'division' = $5
             AND (s.status = 'published' OR $7)
           ORDER BY s.status = 'published' DESC, s.version DESC LIMIT 1) AS rank`,
      values: [query.divisionCodes, query.fromMonth, query.month, query.year, query.rank?.division ?? null, query.rank?.city ?? null, query.rank?.includeDrafts ?? false],
    });
    const [row] = rows;
    const result: PanelReadResult = {
      window: row.window.map(([metricCode, month, value]) => ({ metricCode, month, value })),
      cumulative: new Map(row.cumulative),
      asOf: row.as_of,
      targets: row.targets.map(([divisionCode, metricCode, annual, monthlyPlan]) => ({ divisionCode, metricCode, annual, monthlyPlan })),
      rank: row.rank && { position: row.rank[0], of: row.rank[1], score: Number(row.rank[2]), published: row.rank[3] === 'published' },
    };
    return result;
  }
}
