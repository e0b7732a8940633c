import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The division trigger of PanelVersion aggregated an untyped literal (array_agg('0000-00')), which
// PostgreSQL cannot resolve ("function array_agg(unknown) is not unique"): any insert, update or
// delete of a division failed. The literal is typed here; nothing else of the trigger changes.
export class DivisionPanelVersionFix1765015200000 implements MigrationInterface {
  name = 'DivisionPanelVersionFix1765015200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(this.body(`'0000-00'::text`));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(this.body(`'0000-00'`));
  }

  private body(month: string): string {
    return `
      CREATE OR REPLACE FUNCTION division_bump_panel_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        codes text[];
        months text[];
      BEGIN
        SELECT array_agg(code), array_agg(${month}) FROM (SELECT code::text FROM changed_rows UNION SELECT parent_code::text FROM changed_rows) d INTO codes, months;
        IF codes IS NOT NULL THEN PERFORM bump_panel_versions(codes, months); END IF;
        RETURN NULL;
      END $$`;
  }
}
