import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Department final accounts (部门决算) of one association and year: line items as printed, the
// narrative's stated figures, the annexed self-evaluation tables as printed, and the consistency
// findings with their review status (domain.md §2.8, §4).
export class DepartmentAccounts1764547200000 implements MigrationInterface {
  name = 'DepartmentAccounts1764547200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts_figure (
        id bigserial PRIMARY KEY,
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        section text NOT NULL CHECK (section ~ '^[a-z][a-z0-9_]*$'),
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9_]+$'),
        label text NOT NULL,
        amount numeric(18,2) NOT NULL,
        unit_as_printed text NOT NULL,
        source text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_figure_key" ON accounts_figure (division_code, year, section, code)`);
    await queryRunner.query(`
      CREATE TABLE accounts_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        statement_key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('amount', 'share', 'execution', 'coverage', 'count', 'text', 'code_name')),
        figure_key text NOT NULL,
        base_key text,
        value_as_printed text NOT NULL,
        unit text NOT NULL,
        location text NOT NULL,
        excerpt text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_statement_key" ON accounts_statement (division_code, year, statement_key)`);
    await queryRunner.query(`
      CREATE TABLE accounts_annex_table (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        annex text NOT NULL,
        title text NOT NULL,
        content jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_accounts_annex_table" ON accounts_annex_table (division_code, year, annex)`);
    await queryRunner.query(`
      CREATE TABLE consistency_finding (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        rule text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
        ic_id text CHECK (ic_id ~ '^IC-[0-9]{2}$'),
        path text NOT NULL,
        expected text,
        found text,
        unit text,
        message text NOT NULL,
        message_en text NOT NULL,
        fingerprint text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
        note text,
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'dismissed' OR (note IS NOT NULL AND btrim(note) <> '')),
        CHECK ((status = 'open') = (decided_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_consistency_finding_scope" ON consistency_finding (division_code, year, status)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consistency_finding`);
    await queryRunner.query(`DROP TABLE accounts_annex_table`);
    await queryRunner.query(`DROP TABLE accounts_statement`);
    await queryRunner.query(`DROP TABLE accounts_figure`);
  }
}
