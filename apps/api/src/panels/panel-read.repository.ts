import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Pool } from 'pg';
import { DataSource } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { type RankingStatus } from '@app/contracts';
import { PANEL_VERSION_DIGEST, PANEL_VERSION_OF_CODE, PanelVersionBatcher } from './panel-version-batcher.js';

export interface PanelReadQuery {
  /** The division and every county-level division under it (one code for a county). */
  divisionCodes: readonly string[];
  /** The panel's month ('YYYY-MM'). */
  month: string;
  /** The month before, the same month last year and January of the panel's year ('YYYY-MM'). */
  previousMonth: string;
  lastYearMonth: string;
  yearStartMonth: string;
  /** The year whose targets apply. */
  year: number;
  /** Set for a county-level division: its city and whether unpublished ranking versions count. */
  rank: { division: string; city: string; includeDrafts: boolean } | null;
}

/** One metric's rolled-up totals over the divisions, as exact decimal text; null where no rollup row exists. */
export interface PanelMetricTotals {
  value: string | null;
  previous: string | null;
  lastYear: string | null;
  /** January to the panel's month. */
  yearToDate: string | null;
  /** Since the launch to the end of the panel's month. */
  cumulative: string | null;
}

export interface PanelReadResult {
  /** Per metric code that has any rollup row up to the month. */
  metrics: Map<string, PanelMetricTotals>;
  /** The newest refresh of any rollup row counted. */
  asOf: Date | null;
  /** The year's targets of the divisions (the division's own and its children's). */
  targets: Array<{ divisionCode: string; metricCode: string; annual: string; monthlyPlan: string[] | null }>;
  /** The division's place in the month's newest published ranking; without one, in the newest draft if the reader may see drafts. */
  rank: { position: number; of: number; score: number; published: boolean } | null;
}

interface PanelReadRow {
  metrics: Array<[metricCode: string, value: string | null, previous: string | null, lastYear: string | null, yearToDate: string | null, cumulative: string | null]>;
  as_of: Date | null;
  targets: Array<[divisionCode: string, metricCode: string, annual: string, monthlyPlan: string[] | null]>;
  rank: [position: number, of: number, score: string, status: RankingStatus] | null;
}

/**
 * The read model of the monthly panel: everything one panel needs — rollup values, targets and
 * the rank badge — in a single round trip and a single row. The panel is the most requested page, and
 * each round trip costs more than the SQL behind it, so the four reads are one statement: the
 * `panel_read` function (migration 1764892800000-PanelReadModel, which says why it is a function).
 * It only reads the rollups (metric_monthly, metric_yearly), kpi_target and ranking_snapshot, never the fact tables.
 */
@Injectable()
export class PanelReadRepository {
  private readonly versions = new PanelVersionBatcher();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get primary(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * The version of everything a panel of `month` over these divisions reads (migration
   * 1764985000000-PanelVersion): per division the panel_version row at or before the month (one
   * index probe each), digested. It changes whenever a rollup, target, ranking snapshot or division
   * that the panel depends on changed, in the transaction that changed it. Concurrent requests'
   * probes share statements (PanelVersionBatcher), never one sent before they asked.
   */
  readVersion(divisionCodes: readonly string[], month: string, pool: Pool = this.primary): Promise<string> {
    return this.versions.read(pool, divisionCodes, month);
  }

  /** `pool`: the primary's or a replica's (ReadReplicas.pool(), the same as the version's). */
  async read(query: PanelReadQuery, pool: Pool = this.primary): Promise<PanelReadResult> {
    // A named statement on the pg pool directly rather than dataSource.query: each pooled connection
    // parses it once (it is the hottest query of the app).
    // One row of json columns: pg hands json to JSON.parse, cheaper than rows of typed fields.
    // Amounts travel as text inside the json, so they stay exact.
    const { rows } = await pool.query<PanelReadRow>({
      name: 'panel-read',
      text: 'SELECT metrics, as_of, targets, rank FROM panel_read($1::char(6)[], $2, $3, $4, $5, $6, $7, $8, $9)',
      values: this.readValues(query),
    });
    return this.toResult(rows[0]);
  }

  /**
   * The panel's data and the version of it (the digest readVersion gives for `versionCodes`), in one
   * statement: both from the same snapshot (panel_read is STABLE, so it reads with the statement's),
   * so the panel is exactly of that version. For a panel this process has not computed yet: it saves
   * the separate probe's round trip.
   */
  async readWithVersion(query: PanelReadQuery, versionCodes: readonly string[], pool: Pool = this.primary): Promise<PanelReadResult & { version: string }> {
    const { rows } = await pool.query<PanelReadRow & { version: string }>({
      name: 'panel-read-with-version',
      text: `SELECT r.metrics, r.as_of, r.targets, r.rank,
                    (SELECT ${PANEL_VERSION_DIGEST} FROM (SELECT code, $2::char(7) AS month FROM unnest($10::char(6)[]) AS code) AS k
                       ${PANEL_VERSION_OF_CODE}) AS version
               FROM panel_read($1::char(6)[], $2, $3, $4, $5, $6, $7, $8, $9) AS r`,
      values: [...this.readValues(query), versionCodes],
    });
    return { ...this.toResult(rows[0]), version: rows[0].version };
  }

  private readValues(query: PanelReadQuery): unknown[] {
    return [
      query.divisionCodes, query.month, query.previousMonth, query.lastYearMonth, query.yearStartMonth, query.year,
      query.rank?.division ?? null, query.rank?.city ?? null, query.rank?.includeDrafts ?? false,
    ];
  }

  private toResult(row: PanelReadRow): PanelReadResult {
    return {
      metrics: new Map(row.metrics.map(([code, value, previous, lastYear, yearToDate, cumulative]) => [code, { value, previous, lastYear, yearToDate, cumulative }])),
      asOf: row.as_of,
      targets: row.targets.map(([divisionCode, metricCode, annual, monthlyPlan]) => ({ divisionCode, metricCode, annual, monthlyPlan })),
      rank: row.rank && { position: row.rank[0], of: row.rank[1], score: Number(row.rank[2]), published: row.rank[3] === 'published' },
    };
  }
}
