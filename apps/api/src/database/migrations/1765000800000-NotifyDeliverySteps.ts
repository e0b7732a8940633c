import { type MigrationInterface, type QueryRunner } from 'typeorm';

// A WeCom delivery of a brief is two messages (the text, then the PDF as a file): how many were
// sent is kept, so a retry after the second failed does not send the text again.
export class NotifyDeliverySteps1765000800000 implements MigrationInterface {
  name = 'NotifyDeliverySteps1765000800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notify_delivery ADD COLUMN steps_done int NOT NULL DEFAULT 0 CHECK (steps_done >= 0)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notify_delivery DROP COLUMN steps_done`);
  }
}
