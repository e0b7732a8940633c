import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The monthly panel's read model, for the page every leader opens.
//
// metric_yearly: per division, year and metric, the sum of that year's metric_monthly rows. The
// panel's "since the launch" total then reads the earlier years' rows plus this year's months
// (~270 index entries for a county five years in) instead of every month since the launch (~900,
// growing by 180 a year). RollupsRepository keeps it in step with metric_monthly in the same
// transaction, and the nightly rollup-verify job checks it.
//
// panel_read(...): the panel's one statement. It lives in a function for one reason: its SET
// clause. As a prepared statement PostgreSQL re-planned it on every call (custom plans, ~0.5–1 ms
// of planning for ~0.3 ms of execution) because the generic plan's estimate for ANY($codes) looks
// worse; the generic plan is the right one for every division size (index-only scans). The SET
// applies to this function only, not to the other statements of the connection.
export class PanelReadModel1764892800000 implements MigrationInterface {
  name = 'PanelReadModel1764892800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE metric_yearly (
        division_code char(6) NOT NULL REFERENCES division(code),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        metric_code text NOT NULL,
        value numeric(20,2) NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (division_code, year, metric_code) INCLUDE (value, refreshed_at)
      )`);
    await queryRunner.query(`
      INSERT INTO metric_yearly (division_code, year, metric_code, value, refreshed_at)
      SELECT division_code, left(month, 4)::smallint, metric_code, sum(value), max(refreshed_at)
        FROM metric_monthly GROUP BY 1, 2, 3`);
    await queryRunner.query(`
      CREATE FUNCTION panel_read(
        codes char(6)[], for_month char(7), previous_month char(7), last_year_month char(7), year_start char(7), for_year int,
        rank_division char(6), rank_city char(6), include_drafts boolean)
      RETURNS TABLE (metrics json, as_of timestamptz, targets json, rank json)
      LANGUAGE plpgsql STABLE
      SET plan_cache_mode = force_generic_plan
      AS $fn$
      BEGIN
        RETURN QUERY
        WITH totals AS (
          SELECT r.metric_code,
                 sum(r.value) FILTER (WHERE r.month = for_month) AS value,
                 sum(r.value) FILTER (WHERE r.month = previous_month) AS previous,
                 sum(r.value) FILTER (WHERE r.month = last_year_month) AS last_year,
                 sum(r.value) FILTER (WHERE r.month >= year_start) AS ytd,
                 sum(r.value) FILTER (WHERE r.month IS NULL OR r.month >= year_start) AS cumulative,
                 max(r.refreshed_at) FILTER (WHERE r.month IS NULL OR r.month >= year_start) AS as_of
            FROM (
              -- January to the month (year to date, the month itself, a previous month in this year)
              SELECT m.metric_code, m.month, m.value, m.refreshed_at FROM metric_monthly m
               WHERE m.division_code = ANY(codes) AND m.month BETWEEN year_start AND for_month
              UNION ALL
              -- last year's month, and December when the panel's month is January
              SELECT m.metric_code, m.month, m.value, m.refreshed_at FROM metric_monthly m
               WHERE m.division_code = ANY(codes) AND m.month = ANY(ARRAY[last_year_month, previous_month]) AND m.month < year_start
              UNION ALL
              -- the earlier years, whole (month is null: they count towards the cumulative total only)
              SELECT y.metric_code, NULL, y.value, y.refreshed_at FROM metric_yearly y
               WHERE y.division_code = ANY(codes) AND y.year < for_year
            ) AS r
           GROUP BY r.metric_code)
        SELECT
          (SELECT coalesce(json_agg(json_build_array(t.metric_code, t.value::text, t.previous::text, t.last_year::text, t.ytd::text, t.cumulative::text)), '[]') FROM totals t),
          (SELECT max(t.as_of) FROM totals t),
          (SELECT coalesce(json_agg(json_build_array(k.division_code, k.metric_code, k.annual::text, k.monthly_plan::text[])), '[]')
             FROM kpi_target k WHERE k.division_code = ANY(codes) AND k.year = for_year),
          (SELECT json_build_array((e->>'rank')::int, jsonb_array_length(s.entries), e->>'score', s.status)
             FROM ranking_snapshot s CROSS JOIN LATERAL jsonb_array_elements(s.entries) AS e
            WHERE rank_division IS NOT NULL AND s.city_code = rank_city AND s.month = for_month AND s.basis = 'month'
              AND e->>'division' = rank_division::text AND (s.status = 'published' OR include_drafts)
            ORDER BY s.status = 'published' DESC, s.version DESC LIMIT 1);
      END
      $fn$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION panel_read(char(6)[], char(7), char(7), char(7), char(7), int, char(6), char(6), boolean)`);
    await queryRunner.query(`DROP TABLE metric_yearly`);
  }
}
