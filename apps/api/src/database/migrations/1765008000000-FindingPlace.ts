import { type MigrationInterface, type QueryRunner } from 'typeorm';

// A finding says where it stands by the printed names of the report (决算表“本年支出合计”, 第二部分 五(三),
// 附件2《…》资金“年度资金总额”行“执行率”栏), for people; `path` stays the key for machines.
export class FindingPlace1765008000000 implements MigrationInterface {
  name = 'FindingPlace1765008000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consistency_finding ADD COLUMN place text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE consistency_finding DROP COLUMN place`);
  }
}
