import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The HTTP feed's `since` cursor per connector, so that each platform-sync run asks only for what
// is new (README "Platform data: imports and sync").
export class PlatformSyncState1764633600000 implements MigrationInterface {
  name = 'PlatformSyncState1764633600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform_sync_state (
        connector text PRIMARY KEY CHECK (connector <> ''),
        cursor text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE platform_sync_state`);
  }
}
