import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../database/pg-errors.js';

/** A (division, day) whose facts a write inserted or changed: what the KPI rollups refresh. */
export interface TouchedDay {
  divisionCode: string;
  day: string;
}

/** Old and new values of one updated fact row, for the audit log. */
export interface FactChange {
  entityId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

export interface UpsertOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  touched: TouchedDay[];
  changes: FactChange[];
}

interface ColumnSpec {
  /** Column name in SQL. */
  column: string;
  /** Property of the input rows (and key of the audit snapshot). */
  property: string;
  /** PostgreSQL type of the staging column. */
  type: string;
  /** numeric values are snapshotted as text so that "150000.00" stays exact. */
  numeric?: boolean;
}

export interface FactTableSpec {
  table: string;
  /** The natural key, without `source` (which comes first in every unique constraint). */
  key: ColumnSpec[];
  /** Columns an import may change; a row whose values are all equal is left untouched. */
  values: ColumnSpec[];
  /** The business day of the row (with division_code, the rollup it feeds). */
  dayColumn: string;
}

// Rows per string written to the COPY stream (the stream applies back-pressure between them).
const COPY_CHUNK_ROWS = 2_000;
// First key of the two-key advisory locks that serialise writers of one fact table and source.
const FACT_WRITE_LOCK_CLASS = 72_401;
// work_mem of the import transaction (the server default, 4 MB, spills 1,000,000 keys to disk).
const MERGE_WORK_MEM = '64MB';

const snapshotOf = (alias: string, columns: ColumnSpec[]) =>
  `jsonb_build_object(${columns.map((c) => `'${c.property}', ${alias}.${c.column}${c.numeric ? '::text' : ''}`).join(', ')})`;

/** A value in COPY's text format: \N for null; backslash, tab and line breaks escaped. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text;
}

function* copyLines(rows: ReadonlyArray<Record<string, unknown>>, columns: ColumnSpec[]): Generator<string> {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    let chunk = '';
    const end = Math.min(rows.length, start + COPY_CHUNK_ROWS);
    for (let i = start; i < end; i++) {
      const row = rows[i];
      let line = '';
      for (let c = 0; c < columns.length; c++) line += (c === 0 ? '' : '\t') + copyText(row[columns[c].property]);
      chunk += line + '\n';
    }
    yield chunk;
  }
}

/** Rows that arrive as a stream (a large file), each with its row number in the file. */
export type NumberedFact = Record<string, unknown> & { row: number };

/** The staging table once every streamed row is in it, before the merge. */
export interface StagedFacts {
  /** Rows staged so far (less the deleted duplicates). */
  readonly count: number;
  /** Rows whose natural key an earlier row of the file already has: up to `limit` of them, and how many in all. */
  duplicates(limit: number): Promise<{ total: number; rows: Array<{ row: number; firstRow: number; key: string[] }> }>;
  /** Keeps only the first row of each natural key; returns how many were deleted. */
  deleteDuplicates(): Promise<number>;
}

/**
 * Streamed input of upsertFacts: rows go straight from the iterable into the staging COPY, then
 * `afterStaged` may check them in SQL (and throw to abort the whole transaction) before the merge.
 */
export class StreamedFacts {
  constructor(
    /** The rows in batches (an await per row costs more than the row's COPY line). */
    readonly rows: AsyncIterable<readonly NumberedFact[]>,
    readonly afterStaged: (staged: StagedFacts) => Promise<void>,
  ) {}
}

/** A batch of COPY text and how many rows it holds. */
interface CopyBatch {
  text: Buffer;
  rows: number;
}

/**
 * COPY text of the streamed rows (row number first), one Buffer per batch: the concatenated string
 * is flattened into bytes at once, so that no rope of small strings outlives the batch (waiting
 * ropes were promoted to the old generation and raised the peak RSS).
 */
async function* streamedCopyLines(rows: AsyncIterable<readonly NumberedFact[]>, columns: ColumnSpec[], counter: { count: number }): AsyncGenerator<CopyBatch> {
  for await (const batch of rows) {
    let chunk = '';
    for (const row of batch) {
      let line = String(row.row);
      for (let c = 0; c < columns.length; c++) line += '\t' + copyText(row[columns[c].property]);
      chunk += line + '\n';
    }
    counter.count += batch.length;
    if (batch.length > 0) yield { text: Buffer.from(chunk, 'utf8'), rows: batch.length };
  }
}

// Rows per step of the first-import path: the COPY text of one step waits in memory (~6 MB).
const PIPELINE_ROWS = 50_000;

interface PipelinedInsert {
  inserted: number;
  /** Row number from which the rows were only staged (a key repeated in the file stopped the inserts). */
  resumeFrom: number | null;
}

/**
 * The first import of a source, pipelined: the COPY text is staged in steps of PIPELINE_ROWS and each
 * step is inserted into the fact table (a plain INSERT: ON CONFLICT DO NOTHING measured ~70% slower)
 * while node parses the next one (parse in node, insert in PostgreSQL: on two cores they overlap).
 * Every row also lands in the staging table, for the duplicate check of afterStaged. A key repeated
 * in the file fails its step's insert: that step is rolled back to its savepoint and the rest of the
 * file is only staged, to be inserted by the caller once afterStaged has dealt with the duplicates.
 * Adds the days of the inserted rows to `touched`.
 */
async function stageAndInsert(
  manager: EntityManager,
  client: PoolClient,
  spec: FactTableSpec,
  source: string,
  batchId: string | null,
  stage: string,
  batches: AsyncGenerator<CopyBatch>,
  touched: Set<string>,
): Promise<PipelinedInsert> {
  const step = `${stage}_step`;
  const names = [...spec.key, ...spec.values].map((c) => c.column).join(', ');
  await manager.query(`DROP TABLE IF EXISTS pg_temp.${step}`);
  await manager.query(`CREATE TEMP TABLE ${step} (LIKE pg_temp.${stage}) ON COMMIT DROP`);
  const result: PipelinedInsert = { inserted: 0, resumeFrom: null };
  // The previous step's statements, running in PostgreSQL while node reads on; an error is kept
  // (never left unhandled) and rethrown at the next step.
  let running: Promise<void> | null = null;
  let failure: unknown = null;
  const settle = async () => {
    await running;
    running = null;
    if (failure) throw failure;
  };
  const insertStep = async () => {
    await manager.query(`INSERT INTO pg_temp.${stage} SELECT * FROM pg_temp.${step}`);
    if (result.resumeFrom === null) {
      await manager.query('SAVEPOINT fact_step');
      try {
        const days: Array<{ division_code: string; day: string; n: number }> = await manager.query(
          `WITH inserted AS (
             INSERT INTO ${spec.table} (source, import_batch_id, ${names}) SELECT $1, $2::uuid, ${names} FROM pg_temp.${step}
             RETURNING division_code, ${spec.dayColumn}::text AS day)
           SELECT division_code, day, count(*)::int AS n FROM inserted GROUP BY 1, 2`,
          [source, batchId],
        );
        await manager.query('RELEASE SAVEPOINT fact_step');
        for (const row of days) {
          touched.add(`${row.division_code}|${row.day}`);
          result.inserted += row.n;
        }
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await manager.query('ROLLBACK TO SAVEPOINT fact_step');
        await manager.query('RELEASE SAVEPOINT fact_step');
        const [{ first }]: Array<{ first: number }> = await manager.query(`SELECT min(row_no) AS first FROM pg_temp.${step}`);
        result.resumeFrom = first;
      }
    }
    await manager.query(`TRUNCATE pg_temp.${step}`);
  };
  let pending: Buffer[] = [];
  let pendingRows = 0;
  const flush = async () => {
    await settle();
    const text = pending;
    pending = [];
    pendingRows = 0;
    await pipeline(Readable.from(text), client.query(copyFrom(`COPY pg_temp.${step} (row_no, ${names}) FROM STDIN`)));
    running = insertStep().catch((error: unknown) => {
      failure = error;
    });
  };
  try {
    for await (const batch of batches) {
      pending.push(batch.text);
      pendingRows += batch.rows;
      if (pendingRows >= PIPELINE_ROWS) await flush();
    }
    if (pendingRows > 0) await flush();
  } finally {
    // Never leave a statement running on the connection (the caller may roll back next).
    await running;
  }
  await settle();
  await manager.query(`DROP TABLE pg_temp.${step}`);
  return result;
}

/** The pg client under a TypeORM transaction's query runner (COPY needs the same connection). */
function pgClientOf(manager: EntityManager): PoolClient | null {
  const runner = manager.queryRunner as (typeof manager.queryRunner & { databaseConnection?: PoolClient }) | undefined;
  return runner?.isTransactionActive && runner.databaseConnection ? runner.databaseConnection : null;
}

/**
 * Upserts fact rows by their natural key, set-based: the rows are streamed with COPY into a
 * temporary staging table on the caller's connection, then ONE statement joins the staging table
 * with the fact table on the natural key, inserts the new keys, updates the rows whose values
 * differ (returning their old values, read in the same snapshot, for the audit log) and leaves
 * identical rows alone. Runs in the caller's transaction (one is opened when there is none).
 *
 * Two shortcuts, same outcome: streamed rows are inserted step by step while the file is read, as
 * long as no step meets an existing or repeated key (stageAndInsert; the merge takes the rest), and
 * rows of a source that has none in the table yet are inserted without the merge.
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
  const outcome: UpsertOutcome = { inserted: 0, updated: 0, unchanged: 0, touched: [], changes: [] };
  const streamed = rows instanceof StreamedFacts ? rows : null;
  if (!streamed && (rows as ReadonlyArray<unknown>).length === 0) return outcome;
  const client = pgClientOf(manager);
  if (!client) return manager.transaction((transactional) => upsertFacts(transactional, spec, source, batchId, rows));

  const touched = new Set<string>();
  const columns = [...spec.key, ...spec.values];
  const names = columns.map((c) => c.column).join(', ');
  const stage = `fact_stage_${spec.table}`;
  const day = spec.dayColumn;
  const oldValues = spec.values.map((c) => `f.${c.column}`).join(', ');
  const newValues = spec.values.map((c) => `s.${c.column}`).join(', ');
  const sql = `
    WITH matched AS (
      SELECT s.*, f.id AS fid, f.division_code AS old_division_code, f.${day}::text AS old_day,
             f.id IS NOT NULL AND (${oldValues}) IS DISTINCT FROM (${newValues}) AS changed,
             CASE WHEN f.id IS NOT NULL AND (${oldValues}) IS DISTINCT FROM (${newValues})
               THEN ${snapshotOf('f', columns)} END AS before
      FROM pg_temp.${stage} s
      LEFT JOIN ${spec.table} f ON f.source = $1 AND ${spec.key.map((c) => `f.${c.column} = s.${c.column}`).join(' AND ')}
      WHERE s.row_no IS NULL OR s.row_no >= $3
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
    SELECT 'update', id, division_code, day, old_division_code, old_day, before, after, 1 FROM updated`;

  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [FACT_WRITE_LOCK_CLASS, `${spec.table}:${source}`]);
  // Hash aggregates and joins over a large staging table (duplicate check, merge, touched days)
  // stay in memory instead of spilling sorts to disk; SET LOCAL ends with this transaction.
  await manager.query(`SET LOCAL work_mem = '${MERGE_WORK_MEM}'`);
  await manager.query(`DROP TABLE IF EXISTS pg_temp.${stage}`);
  await manager.query(`CREATE TEMP TABLE ${stage} (row_no int, ${columns.map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  // No row of this source in the table yet (a first import, a backfill): no staged key can match an
  // existing row, so what is left after staging is inserted without the merge. The advisory lock taken
  // above keeps other writers of this table and source out until commit, so the answer cannot go
  // stale. (An anti-join of the staged keys instead was not worth it: probing the key index for
  // 1,000,000 staged keys alone took ~4.7 s.)
  const [{ present }]: Array<{ present: boolean }> = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM ${spec.table} WHERE source = $1) AS present`,
    [source],
  );
  let staged: number;
  // Rows already inserted while streaming (the first-import path), and their days.
  let pipelined: PipelinedInsert | null = null;
  if (streamed) {
    const counter = { count: 0 };
    pipelined = await stageAndInsert(manager, client, spec, source, batchId, stage, streamedCopyLines(streamed.rows, columns, counter), touched);
    staged = counter.count;
    const keys = spec.key.map((c) => c.column).join(', ');
    await streamed.afterStaged({
      get count() {
        return staged;
      },
      async duplicates(limit) {
        // Every streamed step went into the fact table: its unique key would have stopped a key
        // repeated in the file.
        if (pipelined?.resumeFrom === null) return { total: 0, rows: [] };
        // Most files have none: a hash aggregate over the keys says so (measured 1.2 s vs 2.9 s for the
        // sorted row lists below on 1,000,000 rows), and only then are the duplicate rows listed.
        const [{ n }]: Array<{ n: number }> = await manager.query(
          `SELECT count(*)::int AS n FROM (SELECT 1 FROM pg_temp.${stage} GROUP BY ${keys} HAVING count(*) > 1) AS duplicated`,
        );
        if (n === 0) return { total: 0, rows: [] };
        const groups: Array<{ keys: string[]; rows: number[] }> = await manager.query(
          `SELECT ARRAY[${spec.key.map((c) => `${c.column}::text`).join(', ')}] AS keys, array_agg(row_no ORDER BY row_no) AS rows
           FROM pg_temp.${stage} GROUP BY ${keys} HAVING count(*) > 1 ORDER BY min(row_no)`,
        );
        const found: Array<{ row: number; firstRow: number; key: string[] }> = [];
        let total = 0;
        for (const group of groups) {
          const [firstRow, ...others] = group.rows.map(Number);
          total += others.length;
          for (const row of others) if (found.length < limit) found.push({ row, firstRow, key: group.keys });
        }
        found.sort((a, b) => a.row - b.row);
        return { total, rows: found };
      },
      async deleteDuplicates() {
        if (pipelined?.resumeFrom === null) return 0;
        const [, deleted]: [unknown, number] = await manager.query(
          `DELETE FROM pg_temp.${stage} s USING (
             SELECT row_no, row_number() OVER (PARTITION BY ${keys} ORDER BY row_no) AS n FROM pg_temp.${stage}
           ) d WHERE d.n > 1 AND s.row_no = d.row_no`,
        );
        staged -= deleted;
        return deleted;
      },
    });
  } else {
    const list = rows as ReadonlyArray<Record<string, unknown>>;
    await pipeline(Readable.from(copyLines(list, columns)), client.query(copyFrom(`COPY pg_temp.${stage} (${names}) FROM STDIN`)));
    staged = list.length;
  }
  // Rows from `resumeFrom` on are still to be written (all of them for an array input; none when
  // every streamed step went in). afterStaged has deleted the duplicates within the file, so these
  // rows share no key with the rows inserted while staging.
  const resumeFrom = pipelined ? pipelined.resumeFrom : 0;
  outcome.inserted = pipelined?.inserted ?? 0;
  const rest = staged - outcome.inserted;
  if (resumeFrom === null || !present) {
    let inserted = outcome.inserted;
    if (resumeFrom !== null) {
      // Nothing can match: a plain INSERT … SELECT, without the join on the natural key and the
      // comparison of values (measured ~10% faster on 1,000,000 rows).
      const days: Array<{ division_code: string; day: string; n: number }> = await manager.query(
        `WITH inserted AS (
           INSERT INTO ${spec.table} (source, import_batch_id, ${names})
           SELECT $1, $2::uuid, ${names} FROM pg_temp.${stage} WHERE row_no IS NULL OR row_no >= $3
           RETURNING division_code, ${day}::text AS day)
         SELECT division_code, day, count(*)::int AS n FROM inserted GROUP BY 1, 2`,
        [source, batchId, resumeFrom],
      );
      for (const row of days) {
        touched.add(`${row.division_code}|${row.day}`);
        inserted += row.n;
      }
    }
    await manager.query(`DROP TABLE pg_temp.${stage}`);
    if (inserted !== staged) throw new Error(`${spec.table}: inserted ${inserted} of ${staged} staged rows`);
    outcome.inserted = inserted;
    outcome.touched = [...touched].sort().map((pair) => {
      const [divisionCode, day] = pair.split('|');
      return { divisionCode, day };
    });
    return outcome;
  }
  // No ANALYZE (it cost ~0.4 s per 100,000 rows): the planner sizes a never-analysed table by its
  // pages, which is enough to probe the key index for a few rows and hash-join many.
  const result: Array<{
    op: 'insert' | 'update'; id: string | null; division_code: string; day: string;
    old_division_code: string | null; old_day: string | null;
    before: Record<string, unknown> | null; after: Record<string, unknown> | null; n: number;
  }> = await manager.query(sql, [source, batchId, resumeFrom]);
  await manager.query(`DROP TABLE pg_temp.${stage}`);

  let written = 0;
  for (const row of result) {
    touched.add(`${row.division_code}|${row.day}`);
    written += row.n;
    if (row.op === 'insert') {
      outcome.inserted += row.n;
      continue;
    }
    outcome.updated++;
    if (row.old_division_code && row.old_day) touched.add(`${row.old_division_code}|${row.old_day}`);
    outcome.changes.push({ entityId: row.id!, before: row.before ?? {}, after: row.after ?? {} });
  }
  outcome.unchanged = rest - written;
  outcome.touched = [...touched].sort().map((pair) => {
    const [divisionCode, day] = pair.split('|');
    return { divisionCode, day };
  });
  return outcome;
}
