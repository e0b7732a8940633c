import { type MigrationInterface, type QueryRunner } from 'typeorm';

// Outreach events (科普活动, DESIGN §3 Events): the editable type dictionary, the events with
// their approval workflow, the indicators they count toward, their history and their evidence.
// `project_id` links a budget project (table budget_project of the budget module) WITHOUT a
// foreign key: the modules migrate independently; the events service checks the link by a
// query when that table exists.
const EVENT_TYPES: Array<[string, string, string]> = [
  ['science_week', '科技活动周', 'Science and Technology Week'],
  ['popsci_day', '全国科普日', 'National Science Popularization Day'],
  ['workers_day', '科技工作者日', "Scientists' and Engineers' Day"],
  ['caravan', '科普大篷车', 'Science caravan'],
  ['community', '科普进社区', 'Science in the community'],
  ['school', '科普进校园', 'Science in schools'],
  ['lecture', '讲座', 'Lecture'],
  ['exhibition', '展览', 'Exhibition'],
  ['competition', '竞赛', 'Competition'],
  ['training', '培训', 'Training'],
  ['anti_cult', '反邪教宣传', 'Anti-cult education'],
  ['health', '健康科普', 'Health education'],
  ['livestream', '线上直播', 'Online live stream'],
  ['other', '其他', 'Other'],
];
const AUDIENCES = `ARRAY['youth','elderly','farmers','residents','workers','scientists','other']::text[]`;
const COUNT = (column: string) => `${column} int NOT NULL DEFAULT 0 CHECK (${column} >= 0)`;

export class OutreachEvents1764460800000 implements MigrationInterface {
  name = 'OutreachEvents1764460800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE event_type (
        code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
        name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
        name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
        sort int NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        CONSTRAINT "UQ_event_type_name_zh" UNIQUE (name_zh)
      )`);
    for (const [index, [code, nameZh, nameEn]] of EVENT_TYPES.entries()) {
      await queryRunner.query(`INSERT INTO event_type (code, name_zh, name_en, sort) VALUES ($1, $2, $3, $4)`, [code, nameZh, nameEn, (index + 1) * 10]);
    }

    await queryRunner.query(`
      CREATE TABLE outreach_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        division_code char(6) NOT NULL REFERENCES division(code),
        type text NOT NULL REFERENCES event_type(code) ON UPDATE CASCADE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        start_date date NOT NULL CHECK (start_date >= DATE '2000-01-01' AND start_date < DATE '2100-01-01'),
        end_date date NOT NULL,
        venue text,
        organizer text,
        partners text[] NOT NULL DEFAULT '{}',
        audience text[] NOT NULL DEFAULT '{}' CHECK (audience <@ ${AUDIENCES}),
        ${COUNT('participants')},
        ${COUNT('person_times')},
        ${COUNT('online_views')},
        ${COUNT('materials')},
        ${COUNT('volunteers')},
        cost numeric(18,2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
        project_id uuid,
        description text,
        return_reason text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_by_name text NOT NULL,
        submitted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        submitted_by_name text,
        submitted_at timestamptz,
        reviewed_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reviewed_by_name text,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_outreach_event_dates" CHECK (end_date >= start_date),
        CONSTRAINT "CHK_outreach_event_person_times" CHECK (person_times >= participants),
        CONSTRAINT "CHK_outreach_event_return_reason" CHECK (status <> 'returned' OR return_reason IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_outreach_event_division_start" ON outreach_event (division_code, start_date)`);
    await queryRunner.query(`CREATE INDEX "IDX_outreach_event_approved" ON outreach_event (division_code, start_date) WHERE status = 'approved'`);
    await queryRunner.query(`CREATE INDEX "IDX_outreach_event_project" ON outreach_event (project_id) WHERE project_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE event_indicator (
        event_id uuid NOT NULL REFERENCES outreach_event(id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL,
        PRIMARY KEY (event_id, indicator_id)
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_event_indicator_indicator" ON event_indicator (indicator_id)`);

    await queryRunner.query(`
      CREATE TABLE event_history (
        id bigserial PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES outreach_event(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('created', 'updated', 'submitted', 'approved', 'returned', 'imported')),
        from_status text CHECK (from_status IN ('draft', 'submitted', 'approved', 'returned')),
        to_status text NOT NULL CHECK (to_status IN ('draft', 'submitted', 'approved', 'returned')),
        reason text,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_event_history_event" ON event_history (event_id, at)`);

    // The bytes live in content/thumbnail (or in EVENT_ATTACHMENT_DIR under storage_key); they are
    // written with plain SQL, outside the entity, so the audit log records metadata, not megabytes.
    await queryRunner.query(`
      CREATE TABLE event_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES outreach_event(id) ON DELETE CASCADE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        kind text NOT NULL CHECK (kind IN ('jpeg', 'png', 'webp', 'pdf')),
        content_type text NOT NULL,
        size int NOT NULL CHECK (size > 0),
        sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        taken_at timestamp,
        storage_key text,
        content bytea,
        thumbnail bytea,
        thumbnail_type text,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        uploaded_by_name text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_event_attachment_event" ON event_attachment (event_id, uploaded_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS event_attachment`);
    await queryRunner.query(`DROP TABLE IF EXISTS event_history`);
    await queryRunner.query(`DROP TABLE IF EXISTS event_indicator`);
    await queryRunner.query(`DROP TABLE IF EXISTS outreach_event`);
    await queryRunner.query(`DROP TABLE IF EXISTS event_type`);
  }
}
