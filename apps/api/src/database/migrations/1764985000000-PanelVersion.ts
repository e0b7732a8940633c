import { type MigrationInterface, type QueryRunner } from 'typeorm';

// The version a computed monthly panel is cached under (panels/panel-cache.ts) and sent as its ETag.
// A panel of division D and month M depends on the rollups of D's subtree up to M (earlier years
// through metric_yearly), on the year's targets of D and its children, on the month's ranking
// snapshots of D's city (the rank badge) and on the division tree. Each of those tables carries
// statement triggers that bump panel_version in the writing transaction itself, whoever writes (an
// import, an event approval, the rollup repair, a target, a publication, the monthly close, psql),
// so a cached panel can never be served after its data changed, on any worker or replica.
//
// panel_version holds, per division, rows at the months where something changed; a change at month
// c gives the row at c and every later row of that division a fresh value from a sequence. So the
// row at or before M (one index probe per division) changes whenever anything at or before M changed,
// and a panel's version is a digest of those rows over its divisions. Over-invalidation is safe: a
// target bumps from January of its year, a ranking snapshot from its month on (later months are few).
export class PanelVersion1764985000000 implements MigrationInterface {
  name = 'PanelVersion1764985000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE panel_version_seq`);
    await queryRunner.query(`
      CREATE TABLE panel_version (
        division_code char(6) NOT NULL,
        month char(7) NOT NULL,
        version bigint NOT NULL,
        PRIMARY KEY (division_code, month)
      )`);
    // Rows are locked in key order before they change, so two writers bumping overlapping divisions
    // wait for each other instead of deadlocking.
    await queryRunner.query(`
      CREATE FUNCTION bump_panel_versions(codes text[], months text[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        first_codes text[];
        first_months text[];
        fresh bigint;
      BEGIN
        -- The earliest changed month per division: every panel of that division from it on depends on the change.
        SELECT array_agg(code ORDER BY code), array_agg(month ORDER BY code) INTO first_codes, first_months
          FROM (SELECT code, min(month) AS month FROM unnest(codes, months) AS t(code, month) WHERE code IS NOT NULL GROUP BY code) AS firsts;
        IF first_codes IS NULL THEN RETURN; END IF;
        INSERT INTO panel_version (division_code, month, version)
          SELECT code, month, 0 FROM unnest(first_codes, first_months) AS c(code, month) ORDER BY code
          ON CONFLICT (division_code, month) DO NOTHING;
        PERFORM 1 FROM panel_version p JOIN unnest(first_codes, first_months) AS c(code, month) ON p.division_code = c.code AND p.month >= c.month
          ORDER BY p.division_code, p.month FOR UPDATE OF p;
        fresh := nextval('panel_version_seq');
        UPDATE panel_version p SET version = fresh FROM unnest(first_codes, first_months) AS c(code, month)
         WHERE p.division_code = c.code AND p.month >= c.month;
      END $$`);
    const triggers: Array<{ table: string; pairs: string }> = [
      { table: 'metric_monthly', pairs: `SELECT array_agg(division_code::text), array_agg(month::text) FROM changed_rows` },
      // A year's total is read by the panels of the later years only (a panel sums its own year's months).
      { table: 'metric_yearly', pairs: `SELECT array_agg(division_code::text), array_agg((year + 1)::text || '-01') FROM changed_rows` },
      { table: 'kpi_target', pairs: `SELECT array_agg(division_code::text), array_agg(year::text || '-01') FROM changed_rows` },
      { table: 'ranking_snapshot', pairs: `SELECT array_agg(city_code::text), array_agg(month::text) FROM changed_rows` },
      // A division added, moved or renamed: every panel of it and of its parent.
      { table: 'division', pairs: `SELECT array_agg(code), array_agg('0000-00') FROM (SELECT code::text FROM changed_rows UNION SELECT parent_code::text FROM changed_rows) d` },
    ];
    for (const { table, pairs } of triggers) {
      await queryRunner.query(`
        CREATE FUNCTION ${table}_bump_panel_versions() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          codes text[];
          months text[];
        BEGIN
          ${pairs} INTO codes, months;
          IF codes IS NOT NULL THEN PERFORM bump_panel_versions(codes, months); END IF;
          RETURN NULL;
        END $$`);
      // One trigger per event: a trigger with transition tables may have only one.
      for (const [event, transition] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']]) {
        await queryRunner.query(`
          CREATE TRIGGER ${table}_${event.toLowerCase()}_panel_version AFTER ${event} ON ${table}
            REFERENCING ${transition} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_bump_panel_versions()`);
      }
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['metric_monthly', 'metric_yearly', 'kpi_target', 'ranking_snapshot', 'division']) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER ${table}_${event}_panel_version ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${table}_bump_panel_versions()`);
    }
    await queryRunner.query(`DROP FUNCTION bump_panel_versions(text[], text[])`);
    await queryRunner.query(`DROP TABLE panel_version`);
    await queryRunner.query(`DROP SEQUENCE panel_version_seq`);
  }
}
