import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type EntityManager } from 'typeorm';
import { type ColumnSpec, type FactTableSpec } from './fact-table-spec.js';
import { isUniqueViolation } from '../database/pg-errors.js';
import { withPlannerSettings } from '../database/planner-settings.js';

// The staging side of upsertFacts (fact-upsert.ts): rows are written with COPY into a temporary
// table on the transaction's connection (a streamed file step by step: inserted as it goes while no
// key repeats, or merged step by step on a re-import), and the keys the file repeats are found there
// in SQL. The merge statement is in fact-upsert.ts.

// Rows per string written to the COPY stream (the stream applies back-pressure between them).
const COPY_CHUNK_ROWS = 2_000;

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

/** Writes rows given as an array into the staging table with COPY (no row numbers). */
export async function copyRows(client: PoolClient, stage: string, rows: ReadonlyArray<Record<string, unknown>>, columns: ColumnSpec[]): Promise<void> {
  const names = columns.map((c) => c.column).join(', ');
  await pipeline(Readable.from(copyLines(rows, columns)), client.query(copyFrom(`COPY pg_temp.${stage} (${names}) FROM STDIN`)));
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
export async function* streamedCopyLines(rows: AsyncIterable<readonly NumberedFact[]>, columns: ColumnSpec[], counter: { count: number }): AsyncGenerator<CopyBatch> {
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

export interface PipelinedInsert {
  inserted: number;
  /** Row number from which the rows were only staged (a key repeated in the file stopped the inserts). */
  resumeFrom: number | null;
}

/**
 * Streams the COPY batches into the step table `step` in steps of PIPELINE_ROWS rows; `runStep` works
 * on each step in PostgreSQL while node parses the next one (parse in node, write in PostgreSQL: on
 * two cores they overlap), then the step table is emptied. One step at a time is on the connection.
 * An error of a step is kept (never left unhandled) and rethrown at the next step; no statement is
 * left running on return or throw.
 */
async function inSteps(client: PoolClient, manager: EntityManager, step: string, names: string, batches: AsyncGenerator<CopyBatch>, runStep: (rows: number) => Promise<void>): Promise<void> {
  let running: Promise<void> | null = null;
  let failure: unknown = null;
  const settle = async () => {
    await running;
    running = null;
    if (failure) throw failure;
  };
  let pending: Buffer[] = [];
  let pendingRows = 0;
  const flush = async () => {
    await settle();
    const text = pending;
    const rows = pendingRows;
    pending = [];
    pendingRows = 0;
    // The step's COPY goes on while node parses the next step too (awaited, it held up the parsing
    // for as long as PostgreSQL took to read the step: ~1 s over a 1,000,000-row file).
    running = pipeline(Readable.from(text), client.query(copyFrom(`COPY pg_temp.${step} (row_no, ${names}) FROM STDIN`)))
      .then(() => runStep(rows))
      .then(() => manager.query(`TRUNCATE pg_temp.${step}`))
      .then(() => undefined)
      .catch((error: unknown) => {
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
}

/**
 * The first import of a source, pipelined: the COPY text is staged in steps of PIPELINE_ROWS and each
 * step is inserted into the fact table (a plain INSERT: ON CONFLICT DO NOTHING measured ~70% slower)
 * while node parses the next one. Every row also lands in the staging table, for the duplicate check
 * of afterStaged. A key repeated in the file fails its step's insert: that step is rolled back to its
 * savepoint and the rest of the file is only staged, to be inserted by the caller once afterStaged
 * has dealt with the duplicates. Adds the days of the inserted rows to `touched`.
 */
export async function stageAndInsert(
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
  const insertStep = async () => {
    await manager.query(`INSERT INTO pg_temp.${stage} SELECT * FROM pg_temp.${step}`);
    if (result.resumeFrom !== null) return;
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
  };
  await inSteps(client, manager, step, names, batches, insertStep);
  await manager.query(`DROP TABLE pg_temp.${step}`);
  return result;
}

/**
 * A re-import (the source has rows already: most keys of the file are stored), pipelined like the
 * first import: each step's rows are checked for keys repeated in the file so far, and the first
 * row of each key is merged into the fact table by `mergeStep` (given the step table's name) while
 * node parses the next step. The keys of the file are kept in `stage` (its unique index finds a key
 * the file repeats, in this step or an earlier one); a repeated row is moved to `${stage}_repeated`
 * and never merged, which is what deleteDuplicates would make of it: the first row of a key wins.
 */
export async function stageAndMerge(
  manager: EntityManager,
  client: PoolClient,
  spec: FactTableSpec,
  stage: string,
  batches: AsyncGenerator<CopyBatch>,
  mergeStep: (step: string) => Promise<void>,
): Promise<void> {
  const step = `${stage}_step`;
  const keys = spec.key.map((c) => c.column).join(', ');
  const names = [...spec.key, ...spec.values].map((c) => c.column).join(', ');
  await manager.query(`DROP TABLE IF EXISTS pg_temp.${stage}, pg_temp.${step}, pg_temp.${stage}_repeated`);
  await manager.query(`CREATE TEMP TABLE ${step} (row_no int, ${[...spec.key, ...spec.values].map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  await manager.query(`CREATE TEMP TABLE ${stage}_repeated (LIKE pg_temp.${step}) ON COMMIT DROP`);
  await manager.query(`CREATE TEMP TABLE ${stage} (row_no int, ${spec.key.map((c) => `${c.column} ${c.type}`).join(', ')}, UNIQUE (${keys})) ON COMMIT DROP`);
  const checkAndMergeStep = async (rows: number) => {
    // The step's keys join the file's; a key already there (an earlier row has it) is not inserted.
    const [{ staged }]: Array<{ staged: number }> = await manager.query(
      `WITH staged AS (INSERT INTO pg_temp.${stage} SELECT row_no, ${keys} FROM pg_temp.${step} ORDER BY row_no ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS staged FROM staged`,
    );
    if (staged < rows) {
      // Rare: the file repeats keys. Those rows leave the step (probing the unique index by key).
      await manager.query(
        `WITH repeated AS (
           DELETE FROM pg_temp.${step} t
            WHERE NOT EXISTS (SELECT 1 FROM pg_temp.${stage} s WHERE ${spec.key.map((c) => `s.${c.column} = t.${c.column}`).join(' AND ')} AND s.row_no = t.row_no)
           RETURNING t.*)
         INSERT INTO pg_temp.${stage}_repeated SELECT * FROM repeated`,
      );
    }
    await mergeStep(step);
  };
  // A step is small next to the fact table: its keys are looked up in the table's unique index and
  // the changed rows updated by id (nested loops). Left to itself the planner hashed the whole fact
  // table for every step (1.9 s instead of 0.45 s a step of 50,000 rows against 1,000,000 stored);
  // JIT compiling each step's statements cost ~20 ms a step and saved nothing.
  await withPlannerSettings(manager, { enable_hashjoin: 'off', enable_mergejoin: 'off', jit: 'off' }, () => inSteps(client, manager, step, names, batches, checkAndMergeStep));
  await manager.query(`DROP TABLE pg_temp.${step}`);
}

/** The pg client under a TypeORM transaction's query runner (COPY needs the same connection). */
export function pgClientOf(manager: EntityManager): PoolClient | null {
  const runner = manager.queryRunner as (typeof manager.queryRunner & { databaseConnection?: PoolClient }) | undefined;
  return runner?.isTransactionActive && runner.databaseConnection ? runner.databaseConnection : null;
}

/**
 * The staging table once stageAndInsert is done, for afterStaged: the duplicate keys of the file and
 * their removal. `counter` holds the rows staged (less the deleted duplicates).
 */
export function stagedFactsOf(manager: EntityManager, spec: FactTableSpec, stage: string, pipelined: PipelinedInsert, counter: { count: number }): StagedFacts {
  const keys = spec.key.map((c) => c.column).join(', ');
  return {
    get count() {
      return counter.count;
    },
    async duplicates(limit) {
      // Every streamed step went into the fact table: its unique key would have stopped a key
      // repeated in the file.
      if (pipelined.resumeFrom === null) return { total: 0, rows: [] };
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
      if (pipelined.resumeFrom === null) return 0;
      const [, deleted]: [unknown, number] = await manager.query(
        `DELETE FROM pg_temp.${stage} s USING (
           SELECT row_no, row_number() OVER (PARTITION BY ${keys} ORDER BY row_no) AS n FROM pg_temp.${stage}
         ) d WHERE d.n > 1 AND s.row_no = d.row_no`,
      );
      counter.count -= deleted;
      return deleted;
    },
  };
}

/**
 * The staging table after stageAndMerge, for afterStaged: the rows whose key an earlier row of the
 * file has were set apart while staging (in `${stage}_repeated`) and never merged.
 */
export function repeatedFactsOf(manager: EntityManager, spec: FactTableSpec, stage: string, counter: { count: number }): StagedFacts {
  let removed = false;
  const total = async () => {
    const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM pg_temp.${stage}_repeated`);
    return n;
  };
  return {
    get count() {
      return counter.count;
    },
    async duplicates(limit) {
      const n = await total();
      if (n === 0) return { total: 0, rows: [] };
      const rows: Array<{ row: number; first_row: number; keys: string[] }> = await manager.query(
        `SELECT r.row_no AS row, s.row_no AS first_row, ARRAY[${spec.key.map((c) => `r.${c.column}::text`).join(', ')}] AS keys
           FROM pg_temp.${stage}_repeated r JOIN pg_temp.${stage} s ON ${spec.key.map((c) => `s.${c.column} = r.${c.column}`).join(' AND ')}
          ORDER BY r.row_no LIMIT $1`,
        [limit],
      );
      return { total: n, rows: rows.map((r) => ({ row: Number(r.row), firstRow: Number(r.first_row), key: r.keys })) };
    },
    async deleteDuplicates() {
      // Nothing to delete: the repeated rows never reached the fact table.
      if (removed) return 0;
      removed = true;
      const n = await total();
      counter.count -= n;
      return n;
    },
  };
}
