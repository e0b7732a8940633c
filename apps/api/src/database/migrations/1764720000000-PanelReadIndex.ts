import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The monthly panel reads one division's rows for a window of months and since the launch. In the
// primary key (division, metric, month) those rows are spread over as many heap pages as there are
// rows (a rollup refresh writes a month of every division at once), so a panel touched ~600 pages.
// This covering index keeps a division's months together and answers the panel by an index-only scan.
export class PanelReadIndex1764720000000 implements MigrationInterface {
  name = 'PanelReadIndex1764720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_metric_monthly_division_month" ON metric_monthly (division_code, month) INCLUDE (metric_code, value, refreshed_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_metric_monthly_division_month"`);
  }
}
