import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Platform facts (DESIGN §3) and the import batches that wrote them. Every fact row keeps the
// source that issued its external id, the id, and the batch; the natural keys make re-imports
// idempotent (platform/fact-upsert.ts). division_code is a foreign key; import_batch_id is not:
// it is provenance written only by the import in the same transaction as its batch (batches are
// never deleted), and its per-row RI check measured ~16% of a 100,000-row import.
const SOURCE_CHECK = `CHECK (source ~ '^[a-z][a-z0-9_-]{0,31}$')`;
const EXTERNAL_ID_CHECK = `CHECK (length(external_id) BETWEEN 1 AND 100)`;
const DAY_CHECK = (column: string) => `CHECK (${column} >= DATE '2000-01-01' AND ${column} < DATE '2100-01-01')`;

export class PlatformData1764201600000 implements MigrationInterface {
  name = 'PlatformData1764201600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_batch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dataset text NOT NULL CHECK (dataset IN ('deals', 'listings', 'registrations', 'popsci')),
        source text NOT NULL CHECK (source IN ('upload', 'inbox', 'feed')),
        file_name text,
        sha256 char(64) CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        mode text NOT NULL CHECK (mode IN ('all-or-nothing', 'valid-rows')),
        status text NOT NULL CHECK (status IN ('succeeded', 'partial', 'rejected', 'failed')),
        rows int NOT NULL DEFAULT 0 CHECK (rows >= 0),
        inserted int NOT NULL DEFAULT 0 CHECK (inserted >= 0),
        updated int NOT NULL DEFAULT 0 CHECK (updated >= 0),
        unchanged int NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
        rejected int NOT NULL DEFAULT 0 CHECK (rejected >= 0),
        error_count int NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        errors jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
        message text,
        touched jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(touched) = 'array'),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by_name text NOT NULL,
        created_by_division char(6) NOT NULL REFERENCES division(code),
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        CHECK (finished_at IS NULL OR finished_at >= started_at)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_import_batch_started" ON import_batch (started_at DESC)`);
    await queryRunner.query(`CREATE INDEX "IDX_import_batch_division" ON import_batch (created_by_division, started_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE deal (
        id bigserial PRIMARY KEY,
        source text NOT NULL ${SOURCE_CHECK},
        kind text NOT NULL CHECK (kind IN ('tech_service', 'achievement_transfer', 'research_project')),
        external_id text NOT NULL ${EXTERNAL_ID_CHECK},
        division_code char(6) NOT NULL REFERENCES division(code),
        deal_date date NOT NULL ${DAY_CHECK('deal_date')},
        amount numeric(18,2) NOT NULL CHECK (amount >= 0),
        demander text,
        provider text,
        title text,
        import_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_deal_source_kind_external_id" UNIQUE (source, kind, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_deal_division_date" ON deal (division_code, deal_date)`);
    await queryRunner.query(`CREATE INDEX "IDX_deal_batch" ON deal (import_batch_id)`);

    await queryRunner.query(`
      CREATE TABLE listing (
        id bigserial PRIMARY KEY,
        source text NOT NULL ${SOURCE_CHECK},
        kind text NOT NULL CHECK (kind IN ('need', 'capability', 'achievement', 'research_project', 'studio', 'sharing_base')),
        external_id text NOT NULL ${EXTERNAL_ID_CHECK},
        division_code char(6) NOT NULL REFERENCES division(code),
        listed_date date NOT NULL ${DAY_CHECK('listed_date')},
        import_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_listing_source_kind_external_id" UNIQUE (source, kind, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_listing_division_date" ON listing (division_code, listed_date)`);
    await queryRunner.query(`CREATE INDEX "IDX_listing_batch" ON listing (import_batch_id)`);

    await queryRunner.query(`
      CREATE TABLE registration (
        id bigserial PRIMARY KEY,
        source text NOT NULL ${SOURCE_CHECK},
        user_type text NOT NULL CHECK (user_type IN ('scientist', 'organization', 'resident', 'popsci_org')),
        external_id text NOT NULL ${EXTERNAL_ID_CHECK},
        division_code char(6) NOT NULL REFERENCES division(code),
        registered_date date NOT NULL ${DAY_CHECK('registered_date')},
        import_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_registration_source_type_external_id" UNIQUE (source, user_type, external_id)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_registration_division_date" ON registration (division_code, registered_date)`);
    await queryRunner.query(`CREATE INDEX "IDX_registration_batch" ON registration (import_batch_id)`);

    await queryRunner.query(`
      CREATE TABLE popsci_service (
        id bigserial PRIMARY KEY,
        source text NOT NULL ${SOURCE_CHECK},
        division_code char(6) NOT NULL REFERENCES division(code),
        service_date date NOT NULL ${DAY_CHECK('service_date')},
        channel text NOT NULL CHECK (channel IN ('sms', 'app', 'web', 'wechat', 'offline')),
        households int NOT NULL CHECK (households >= 0),
        person_times int NOT NULL CHECK (person_times >= 0),
        import_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_popsci_service_natural_key" UNIQUE (source, division_code, service_date, channel)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_popsci_service_division_date" ON popsci_service (division_code, service_date)`);
    await queryRunner.query(`CREATE INDEX "IDX_popsci_service_batch" ON popsci_service (import_batch_id)`);

    // Sources that only publish running totals ("截至11月"); monthly values are derived by
    // monthlyDeltasFromCumulative (@app/kpi-core), which reports decreases instead of clipping them.
    await queryRunner.query(`
      CREATE TABLE cumulative_observation (
        id bigserial PRIMARY KEY,
        source text NOT NULL ${SOURCE_CHECK},
        division_code char(6) NOT NULL REFERENCES division(code),
        metric_code text NOT NULL CHECK (metric_code ~ '^[a-z][a-z0-9_.]{0,99}$'),
        as_of date NOT NULL ${DAY_CHECK('as_of')},
        value numeric(20,2) NOT NULL CHECK (value >= 0),
        import_batch_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "UQ_cumulative_observation_natural_key" UNIQUE (source, division_code, metric_code, as_of)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_cumulative_observation_metric" ON cumulative_observation (division_code, metric_code, as_of)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['cumulative_observation', 'popsci_service', 'registration', 'listing', 'deal', 'import_batch']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
