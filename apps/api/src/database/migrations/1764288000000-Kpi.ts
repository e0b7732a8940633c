import { type MigrationInterface, type QueryRunner } from 'typeorm';

// KPI rollups (daily and monthly values per county-level division and metric), annual targets,
// ranking models and the monthly ranking snapshots that a city publishes.
export class Kpi1764288000000 implements MigrationInterface {
  name = 'Kpi1764288000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE metric_daily (
        division_code char(6) NOT NULL REFERENCES division(code),
        metric_code text NOT NULL,
        day date NOT NULL,
        value numeric(20,2) NOT NULL,
        PRIMARY KEY (division_code, metric_code, day)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_metric_daily_day" ON metric_daily (day)`);
    await queryRunner.query(`
      CREATE TABLE metric_monthly (
        division_code char(6) NOT NULL REFERENCES division(code),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        metric_code text NOT NULL,
        value numeric(20,2) NOT NULL,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (division_code, metric_code, month)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_metric_monthly_month" ON metric_monthly (month, division_code)`);
    await queryRunner.query(`
      CREATE TABLE kpi_target (
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        metric_code text NOT NULL,
        annual numeric(20,2) NOT NULL CHECK (annual >= 0),
        monthly_plan numeric(20,2)[] CHECK (monthly_plan IS NULL OR array_length(monthly_plan, 1) = 12),
        note text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (division_code, year, metric_code)
      )`);
    await queryRunner.query(`
      CREATE TABLE ranking_model (
        version text PRIMARY KEY,
        model jsonb NOT NULL,
        active boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_ranking_model_active" ON ranking_model (active) WHERE active`);
    await queryRunner.query(`
      CREATE TABLE ranking_snapshot (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        city_code char(6) NOT NULL REFERENCES division(code),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        basis text NOT NULL CHECK (basis IN ('month', 'ytd')),
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        model_version text NOT NULL,
        model jsonb NOT NULL,
        inputs jsonb NOT NULL,
        entries jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        published_by text,
        UNIQUE (city_code, month, basis, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE monthly_close (
        city_code char(6) NOT NULL REFERENCES division(code),
        month char(7) NOT NULL,
        closed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (city_code, month)
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['monthly_close', 'ranking_snapshot', 'ranking_model', 'kpi_target', 'metric_monthly', 'metric_daily']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
