import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The request id of an audit row is always the server's; a client's X-Request-Id is kept apart
// (at most 64 printable characters, checked by the api; the CHECK is the database's own guard).
export class AuditClientRequestId1764993600000 implements MigrationInterface {
  name = 'AuditClientRequestId1764993600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log ADD COLUMN client_request_id text CHECK (char_length(client_request_id) <= 64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN client_request_id`);
  }
}
