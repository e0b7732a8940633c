import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Every api instance caches checked sessions for a few seconds (users/session-check-cache.ts). Any
// change that can end a session or change what it may do — a session revoked or deleted, a user's
// role, division, username, password or active flag changed — notifies the user's id on commit,
// whoever made it (the api, a script, psql), and every instance forgets that user's sessions.
// (A deleted user takes its sessions with it, which the user_session trigger reports.)
export class SessionChangeNotify1764806400000 implements MigrationInterface {
  name = 'SessionChangeNotify1764806400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Separate branches: plpgsql resolves every field an expression names, even in a branch not taken.
        IF TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('tianfu_session_change', OLD.id::text);
        ELSE
          PERFORM pg_notify('tianfu_session_change', OLD.user_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER user_session_change_notify AFTER UPDATE OR DELETE ON user_session
        FOR EACH ROW EXECUTE FUNCTION notify_session_change()`);
    await queryRunner.query(`
      CREATE TRIGGER app_user_change_notify AFTER UPDATE ON app_user
        FOR EACH ROW WHEN (
          OLD.role IS DISTINCT FROM NEW.role OR OLD.division_code IS DISTINCT FROM NEW.division_code OR
          OLD.active IS DISTINCT FROM NEW.active OR OLD.username IS DISTINCT FROM NEW.username OR
          OLD.password_hash IS DISTINCT FROM NEW.password_hash)
        EXECUTE FUNCTION notify_session_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER app_user_change_notify ON app_user`);
    await queryRunner.query(`DROP TRIGGER user_session_change_notify ON user_session`);
    await queryRunner.query(`DROP FUNCTION notify_session_change()`);
  }
}
