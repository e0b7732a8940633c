import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Reference divisions (GB/T 2260). valid_from is conservative: each code has been in force
// at least since the 2000 edition; later issues add county lists with their exact dates.
const SICHUAN_PREFECTURES: Array<[string, string]> = [
  ['510100', '成都市'], ['510300', '自贡市'], ['510400', '攀枝花市'], ['510500', '泸州市'],
  ['510600', '德阳市'], ['510700', '绵阳市'], ['510800', '广元市'], ['510900', '遂宁市'],
  ['511000', '内江市'], ['511100', '乐山市'], ['511300', '南充市'], ['511400', '眉山市'],
  ['511500', '宜宾市'], ['511600', '广安市'], ['511700', '达州市'], ['511800', '雅安市'],
  ['511900', '巴中市'], ['512000', '资阳市'], ['513200', '阿坝藏族羌族自治州'],
  ['513300', '甘孜藏族自治州'], ['513400', '凉山彝族自治州'],
];
const PANZHIHUA_COUNTIES: Array<[string, string]> = [
  ['510402', '东区'], ['510403', '西区'], ['510411', '仁和区'], ['510421', '米易县'], ['510422', '盐边县'],
];

export class Foundation1764115200000 implements MigrationInterface {
  name = 'Foundation1764115200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE division (
        code char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'prefecture', 'county')),
        parent_code char(6) REFERENCES division(code),
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_division_parent" ON division (parent_code)`);
    await queryRunner.query(`
      CREATE TABLE division_denominator (
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        population int CHECK (population >= 0),
        households int CHECK (households >= 0),
        villages int CHECK (villages >= 0),
        enterprises_above_scale int CHECK (enterprises_above_scale >= 0),
        source text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (division_code, year)
      )`);
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL CHECK (username = lower(username)),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'city', 'leader', 'staff')),
        division_code char(6) NOT NULL REFERENCES division(code),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_app_user_username" ON app_user (username)`);
    await queryRunner.query(`
      CREATE TABLE user_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_user_session_user" ON user_session (user_id)`);
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        username text PRIMARY KEY,
        failures int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        actor_name text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        request_id text
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_entity" ON audit_log (entity, entity_id)`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_log_at" ON audit_log (at)`);
    await queryRunner.query(`
      CREATE TABLE job_run (
        id bigserial PRIMARY KEY,
        job text NOT NULL,
        instance text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'skipped')),
        attempt int NOT NULL DEFAULT 0,
        rows int,
        error text
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_job_run_job_started" ON job_run (job, started_at)`);

    await queryRunner.query(
      `INSERT INTO division (code, name, level, parent_code, valid_from) VALUES ('510000', '四川省', 'province', NULL, '2000-01-01')`,
    );
    for (const [code, name] of SICHUAN_PREFECTURES) {
      await queryRunner.query(
        `INSERT INTO division (code, name, level, parent_code, valid_from) VALUES ($1, $2, 'prefecture', '510000', '2000-01-01')`,
        [code, name],
      );
    }
    for (const [code, name] of PANZHIHUA_COUNTIES) {
      await queryRunner.query(
        `INSERT INTO division (code, name, level, parent_code, valid_from) VALUES ($1, $2, 'county', '510400', '2000-01-01')`,
        [code, name],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['job_run', 'audit_log', 'login_throttle', 'user_session', 'app_user', 'division_denominator', 'division']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
