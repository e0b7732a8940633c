import { type MigrationInterface, type QueryRunner } from 'typeorm';

const NOTICE_KINDS = `ARRAY['metric_red','metric_green','budget_warning_raised','budget_warning_cleared','event_submitted','event_waiting','event_returned','ranking_published','brief_issued','job_failed']::text[]`;

// The monthly brief (stored with its figures, never changed once issued: a correction is a new
// version) and the notices: an outbox written in the causing transaction, the division channels,
// the users' subscriptions, one delivery per notice and target, and every attempt (issue 15).
export class BriefsAndNotices1764979200000 implements MigrationInterface {
  name = 'BriefsAndNotices1764979200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE monthly_brief (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        month char(7) NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version int NOT NULL CHECK (version >= 1),
        figures jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by text NOT NULL,
        CONSTRAINT "UQ_monthly_brief_version" UNIQUE (division_code, month, version)
      )`);
    // Issued means final: the database refuses to change a stored brief (deleting a division's data is still possible).
    await queryRunner.query(`
      CREATE FUNCTION monthly_brief_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'an issued brief cannot be changed; issue a new version';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER monthly_brief_no_update BEFORE UPDATE ON monthly_brief FOR EACH ROW EXECUTE FUNCTION monthly_brief_immutable()`);

    await queryRunner.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind = ANY (${NOTICE_KINDS})),
        subject text NOT NULL CHECK (subject <> ''),
        period text NOT NULL,
        division_code char(6) NOT NULL REFERENCES division(code),
        title text NOT NULL,
        title_en text NOT NULL,
        body text NOT NULL,
        body_en text NOT NULL,
        link text,
        brief_id uuid REFERENCES monthly_brief(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        fanned_out_at timestamptz,
        CONSTRAINT "UQ_notice_once" UNIQUE (kind, subject, period)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_notice_pending_fan_out" ON notice (created_at) WHERE fanned_out_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE notify_channel (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('wecom', 'dingtalk', 'email')),
        division_code char(6) NOT NULL REFERENCES division(code),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        url text,
        secret text,
        keyword text,
        smtp jsonb,
        recipients text[] NOT NULL DEFAULT '{}',
        kinds text[] NOT NULL CHECK (kinds <@ ${NOTICE_KINDS}),
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_notify_channel_target" CHECK ((kind = 'email' AND smtp IS NOT NULL AND cardinality(recipients) > 0) OR (kind <> 'email' AND url IS NOT NULL))
      )`);

    await queryRunner.query(`
      CREATE TABLE notify_subscription (
        user_id uuid PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
        kinds text[] NOT NULL CHECK (kinds <@ ${NOTICE_KINDS}),
        divisions text[] NOT NULL DEFAULT '{}',
        channel text NOT NULL CHECK (channel IN ('inapp', 'email')),
        email text,
        mode text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate', 'digest')),
        quiet_from char(5),
        quiet_to char(5),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_notify_subscription_email" CHECK (channel <> 'email' OR email IS NOT NULL),
        CONSTRAINT "CHK_notify_subscription_quiet" CHECK ((quiet_from IS NULL) = (quiet_to IS NULL))
      )`);

    await queryRunner.query(`
      CREATE TABLE notify_delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        notice_id uuid NOT NULL REFERENCES notice(id) ON DELETE CASCADE,
        channel_id uuid REFERENCES notify_channel(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        via text NOT NULL CHECK (via IN ('wecom', 'dingtalk', 'email', 'inapp')),
        address text,
        digest boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_response text,
        sent_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_notify_delivery_target" CHECK ((channel_id IS NULL) <> (user_id IS NULL))
      )`);
    // Each notice reaches each channel once, and each user once per way.
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notify_delivery_channel" ON notify_delivery (notice_id, channel_id) WHERE channel_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_notify_delivery_user" ON notify_delivery (notice_id, user_id, via) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_notify_delivery_due" ON notify_delivery (next_attempt_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "IDX_notify_delivery_inbox" ON notify_delivery (user_id, created_at DESC) WHERE via = 'inapp'`);

    await queryRunner.query(`
      CREATE TABLE notify_attempt (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notify_delivery(id) ON DELETE CASCADE,
        channel_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        http_status int,
        response text
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_notify_attempt_delivery" ON notify_attempt (delivery_id, at)`);
    // The per-robot rate limit counts the last minute's attempts of a channel.
    await queryRunner.query(`CREATE INDEX "IDX_notify_attempt_channel" ON notify_attempt (channel_id, at) WHERE channel_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS notify_attempt`);
    await queryRunner.query(`DROP TABLE IF EXISTS notify_delivery`);
    await queryRunner.query(`DROP TABLE IF EXISTS notify_subscription`);
    await queryRunner.query(`DROP TABLE IF EXISTS notify_channel`);
    await queryRunner.query(`DROP TABLE IF EXISTS notice`);
    await queryRunner.query(`DROP TABLE IF EXISTS monthly_brief`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS monthly_brief_immutable()`);
  }
}
