import { type EntityManager } from 'typeorm';
import { copyRows, insertAll, pgClientOf, repeatedFactsOf, streamedCopyLines, StreamedFacts, writeInSteps } from './fact-staging.js';
import { type ColumnSpec, type FactTableSpec, type UpsertOutcome } from './fact-table-spec.js';
import { withPlannerSettings } from '../database/planner-settings.js';

export type { ColumnSpec, FactChange, FactTableSpec, TouchedDay, UpsertOutcome } from './fact-table-spec.js';
export { copyText, type NumberedFact, type StagedFacts, StreamedFacts } from './fact-staging.js';

// First key of the two-key advisory locks that serialise writers of one fact table and source.
const FACT_WRITE_LOCK_CLASS = 72_401;
// work_mem of the import transaction (the server default, 4 MB, spills 1,000,000 keys to disk).
const MERGE_WORK_MEM = '64MB';

const snapshotOf = (alias: string, columns: ColumnSpec[]) =>
  `jsonb_build_object(${columns.map((c) => `'${c.property}', ${alias}.${c.column}${c.numeric ? '::text' : ''}`).join(', ')})`;

/**
 * Upserts fact rows by their natural key, set-based: the rows are streamed with COPY into a
 * temporary staging table on the caller's connection, then ONE statement joins the staging table
 * with the fact table on the natural key, inserts the new keys, updates the rows whose values
 * differ (returning their old values, read in the same snapshot, for the audit log) and leaves
 * identical rows alone. Runs in the caller's transaction (one is opened when there is none).
 *
 * Streamed rows (a file) are written step by step while the file is read, same outcome
 * (writeInSteps): for a source that has no rows yet, each step is inserted until a step meets a key
 * the file repeats; from then on, and for a source that has rows (a re-import), each step is checked
 * for keys the file repeats and merged with that same statement. Rows given as an array of a source
 * that has none in the table yet are inserted without the merge.
 *
 * Why not INSERT … ON CONFLICT DO UPDATE: its speculative insertion measured about twice as slow
 * as this plain INSERT/UPDATE pair here. The pair is safe because writers of the same table and
 * source are serialised by a transaction-scoped advisory lock taken first.
 */
export async function upsertFacts(
  manager: EntityManager,
  spec: FactTableSpec,
  source: string,
  batchId: string | null,
  rows: ReadonlyArray<Record<string, unknown>> | StreamedFacts,
): Promise<UpsertOutcome> {
  if (!pgClientOf(manager)) return manager.transaction((transactional) => upsertFacts(transactional, spec, source, batchId, rows));
  const outcome = await writeFacts(manager, spec, source, batchId, rows);
  await refreshPlannerStatistics(manager, spec, outcome.inserted + outcome.updated);
  return outcome;
}

// Rows written from which the planner's statistics of a fact table are refreshed in the writing
// transaction (at least this many, and a tenth of the rows the statistics last counted).
const STATISTICS_MIN_ROWS = 10_000;

/**
 * Refreshes the statistics the KPI rollup refresh plans with (division and day) after a large write,
 * inside the transaction, since the refresh runs before commit and autovacuum cannot see uncommitted
 * rows: planned from a table it still thought empty, the refresh of a 1,000,000-row first import read
 * the rows of each touched day by index, one heap block per row (3–5 s), where one pass over the table
 * takes 0.7 s. Sampling two columns costs ~0.2 s per 1,000,000 rows. Autovacuum's own rule is alike
 * (a tenth of the table); its full ANALYZE still comes after commit. SKIP_LOCKED: the lock ANALYZE
 * takes is held to commit, so a concurrent import of the same table (which may hold the rollup lock
 * this one is about to need) skips its own instead of waiting, and no two imports can deadlock on it.
 */
async function refreshPlannerStatistics(manager: EntityManager, spec: FactTableSpec, written: number): Promise<void> {
  if (written < STATISTICS_MIN_ROWS) return;
  const [{ counted }]: Array<{ counted: number }> = await manager.query(`SELECT greatest(reltuples, 0)::float8 AS counted FROM pg_class WHERE oid = $1::regclass`, [spec.table]);
  if (written < counted / 10) return;
  // Never held up by it: ANALYZE also updates the table's catalog row in place, which waits for
  // another transaction changing that row. Bounded, and on any failure the import goes on with the
  // statistics it had (the savepoint undoes the attempt and its settings).
  await manager.query('SAVEPOINT planner_statistics');
  try {
    await withPlannerSettings(manager, { lock_timeout: '2s', statement_timeout: '60s' }, () =>
      manager.query(`ANALYZE (SKIP_LOCKED) ${spec.table} (division_code, ${spec.dayColumn})`),
    );
    await manager.query('RELEASE SAVEPOINT planner_statistics');
  } catch {
    await manager.query('ROLLBACK TO SAVEPOINT planner_statistics');
    await manager.query('RELEASE SAVEPOINT planner_statistics');
  }
}

async function writeFacts(
  manager: EntityManager,
  spec: FactTableSpec,
  source: string,
  batchId: string | null,
  rows: ReadonlyArray<Record<string, unknown>> | StreamedFacts,
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, touched: [], changes: [] };
  const streamed = rows instanceof StreamedFacts ? rows : null;
  if (!streamed && (rows as ReadonlyArray<unknown>).length === 0) return outcome;
  const client = pgClientOf(manager)!;

  const touched = new Set<string>();
  const columns = [...spec.key, ...spec.values];
  const names = columns.map((c) => c.column).join(', ');
  const stage = `fact_stage_${spec.table}`;
  const day = spec.dayColumn;
  const oldValues = spec.values.map((c) => `f.${c.column}`).join(', ');
  const newValues = spec.values.map((c) => `s.${c.column}`).join(', ');
  // The merge of the rows of `from` (the staging table, or one step of a file); besides the inserted
  // days and updated rows, one 'seen' row counts the rows it looked at.
  const mergeSql = (from: string) => `
    WITH matched AS (
      SELECT s.*, f.id AS fid, f.division_code AS old_division_code, f.${day}::text AS old_day,
             f.id IS NOT NULL AND (${oldValues}) IS DISTINCT FROM (${newValues}) AS changed,
             CASE WHEN f.id IS NOT NULL AND (${oldValues}) IS DISTINCT FROM (${newValues})
               THEN ${snapshotOf('f', columns)} END AS before
      FROM ${from} s
      LEFT JOIN ${spec.table} f ON f.source = $1 AND ${spec.key.map((c) => `f.${c.column} = s.${c.column}`).join(' AND ')}
    ),
    inserted AS (
      INSERT INTO ${spec.table} (source, import_batch_id, ${names})
      SELECT $1, $2::uuid, ${names} FROM matched WHERE fid IS NULL
      RETURNING division_code, ${day}::text AS day
    ),
    updated AS (
      UPDATE ${spec.table} f SET ${spec.values.map((c) => `${c.column} = m.${c.column}`).join(', ')}, import_batch_id = $2::uuid, updated_at = now()
      FROM matched m WHERE f.id = m.fid AND m.changed
      RETURNING f.id::text AS id, f.division_code, f.${day}::text AS day, m.old_division_code, m.old_day, m.before, ${snapshotOf('f', columns)} AS after
    )
    SELECT 'insert' AS op, NULL AS id, division_code, day, NULL AS old_division_code, NULL AS old_day, NULL::jsonb AS before, NULL::jsonb AS after, count(*)::int AS n
      FROM inserted GROUP BY division_code, day
    UNION ALL
    SELECT 'update', id, division_code, day, old_division_code, old_day, before, after, 1 FROM updated
    UNION ALL
    SELECT 'seen', NULL, NULL, NULL, NULL, NULL, NULL, NULL, (SELECT count(*)::int FROM matched)`;
  // Adds a merge's result to the outcome; returns how many rows it looked at.
  const tally = (result: MergeRow[]): number => {
    let seen = 0;
    for (const row of result) {
      if (row.op === 'seen') {
        seen = row.n;
        continue;
      }
      touched.add(`${row.division_code}|${row.day}`);
      if (row.op === 'insert') {
        outcome.inserted += row.n;
        continue;
      }
      outcome.updated++;
      if (row.old_division_code && row.old_day) touched.add(`${row.old_division_code}|${row.old_day}`);
      outcome.changes.push({ entityId: row.id!, before: row.before ?? {}, after: row.after ?? {} });
    }
    return seen;
  };
  const touchedDays = () =>
    [...touched].sort().map((pair) => {
      const [divisionCode, day] = pair.split('|');
      return { divisionCode, day };
    });

  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FACT_WRITE_LOCK_CLASS, `${spec.table}:${source}`]);
  // Hash aggregates and joins over large steps and staging tables (merge, touched days, repeated
  // keys) stay in memory instead of spilling sorts to disk; SET LOCAL ends with this transaction.
  await manager.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
  // No row of this source in the table yet (a first import, a backfill): no key can match an existing
  // row, so rows are inserted without the merge (a file's steps, until the file repeats a key). The advisory lock taken
  // above keeps other writers of this table and source out until commit, so the answer cannot go
  // stale. (An anti-join of the staged keys instead was not worth it: probing the key index for
  // 1,000,000 staged keys alone took ~4.7 s.)
  const [{ present }]: Array<{ present: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM ${spec.table} WHERE source = $1) AS present`,
    [source],
  );
  if (streamed) {
    // A file: written step by step while node parses the next step (fact-staging.ts: a first import
    // inserts steps while no key repeats, a re-import merges each step).
    const counter = { count: 0 };
    let seen = 0;
    const { inserted } = await writeInSteps(manager, client, spec, stage, streamedCopyLines(streamed.rows, columns, counter), {
      insertFirst: present ? null : { source, batchId, touched },
      mergeStep: async (step) => {
        seen += tally(await manager.query(mergeSql(`pg_temp.${step}`), [source, batchId]));
      },
    });
    await streamed.afterStaged(repeatedFactsOf(manager, spec, stage, counter));
    await manager.query(`DROP TABLE pg_temp.${stage}, pg_temp.${stage}_repeated`);
    outcome.unchanged = seen - outcome.inserted - outcome.updated;
    outcome.inserted += inserted;
    outcome.touched = touchedDays();
    return outcome;
  }
  // Rows given as an array (the demo data, cumulative observations): staged with COPY, then written in one statement.
  const list = rows as ReadonlyArray<Record<string, unknown>>;
  await manager.query(`DROP TABLE IF EXISTS pg_temp.${stage}`);
  await manager.query(`CREATE TEMP TABLE ${stage} (${columns.map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  await copyRows(client, stage, list, columns);
  if (!present) {
    // Nothing can match: a plain INSERT … SELECT, without the join on the natural key and the
    // comparison of values (measured ~10% faster on 1,000,000 rows).
    outcome.inserted += await insertAll(manager, spec, source, batchId, stage, touched);
  } else {
    // No ANALYZE (it cost ~0.4 s per 100,000 rows): the planner sizes a never-analysed table by its
    // pages, which is enough to probe the key index for a few rows and hash-join many.
    const seen = tally(await manager.query(mergeSql(`pg_temp.${stage}`), [source, batchId]));
    outcome.unchanged = seen - outcome.inserted - outcome.updated;
  }
  await manager.query(`DROP TABLE pg_temp.${stage}`);
  outcome.touched = touchedDays();
  return outcome;
}

interface MergeRow {
  op: 'insert' | 'update' | 'seen';
  id: string | null;
  division_code: string;
  day: string;
  old_division_code: string | null;
  old_day: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  n: number;
}
