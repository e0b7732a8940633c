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

/** The staged keys once the last step of a file is written, before the transaction goes on. */
export interface StagedFacts {
  /** Rows staged (less the repeated ones once deleteDuplicates has counted them out). */
  readonly count: number;
  /** Rows whose natural key an earlier row of the file already has: up to `limit` of them, and how many in all. */
  duplicates(limit: number): Promise<{ total: number; rows: Array<{ row: number; firstRow: number; key: string[] }> }>;
  /** Counts the repeated rows out of `count` (they were never written: the first row of each key stands); returns how many. */
  deleteDuplicates(): Promise<number>;
}

/**
 * Streamed input of upsertFacts: rows go straight from the iterable into the staging COPY, step by
 * step; once the last step is written, `afterStaged` may check the file's keys in SQL (and throw to
 * roll the whole transaction back).
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

// Rows per step of a file: the COPY text of one step waits in memory (~6 MB).
const PIPELINE_ROWS = 50_000;

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

/** How writeInSteps writes a step. */
export interface StepWriting {
  /** Set for a source with no rows yet: steps are inserted as they are (their days added to `touched`) until one meets a key the file repeats. */
  insertFirst: { source: string; batchId: string | null; touched: Set<string> } | null;
  /** Merges the rows of the named step table into the fact table (the first row of each key only). */
  mergeStep: (step: string) => Promise<void>;
}

/**
 * Writes a file's rows step by step while node parses the next step (inSteps). The keys of the file
 * and their row numbers are kept in `stage`; a row whose key an earlier row of the file has is moved
 * to `${stage}_repeated` and never written (the first row of a key wins; afterStaged reports them
 * through repeatedFactsOf).
 *
 * A first import (`insertFirst`) inserts each step into the fact table inside a savepoint (a plain
 * INSERT: ON CONFLICT DO NOTHING measured ~70% slower) and stages its keys after, without an index:
 * the fact table's unique key proves them distinct. A key the file repeats fails its step's insert;
 * that step is rolled back to its savepoint, the staged keys get their unique index, and from that
 * step on every step goes the re-import way. A re-import's steps have their keys staged first
 * (`INSERT … ON CONFLICT DO NOTHING` into the unique index: a repeated key stays out, and its rows
 * leave the step) and are then merged. Returns how many rows the first-import steps inserted.
 */
export async function writeInSteps(
  manager: EntityManager,
  client: PoolClient,
  spec: FactTableSpec,
  stage: string,
  batches: AsyncGenerator<CopyBatch>,
  writing: StepWriting,
): Promise<{ inserted: number }> {
  const step = `${stage}_step`;
  const keys = spec.key.map((c) => c.column).join(', ');
  const names = [...spec.key, ...spec.values].map((c) => c.column).join(', ');
  await manager.query(`DROP TABLE IF EXISTS pg_temp.${stage}, pg_temp.${step}, pg_temp.${stage}_repeated`);
  await manager.query(`CREATE TEMP TABLE ${step} (row_no int, ${[...spec.key, ...spec.values].map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  await manager.query(`CREATE TEMP TABLE ${stage}_repeated (LIKE pg_temp.${step}) ON COMMIT DROP`);
  await manager.query(`CREATE TEMP TABLE ${stage} (row_no int, ${spec.key.map((c) => `${c.column} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  const uniqueKeys = () => manager.query(`CREATE UNIQUE INDEX ON pg_temp.${stage} (${keys})`);
  let merging = writing.insertFirst === null;
  if (merging) await uniqueKeys();
  let inserted = 0;

  // A first-import step: true when it went in, false when a key the file repeats stopped it.
  const insertStep = async ({ source, batchId, touched }: NonNullable<StepWriting['insertFirst']>): Promise<boolean> => {
    await manager.query('SAVEPOINT fact_step');
    try {
      inserted += await insertAll(manager, spec, source, batchId, step, touched);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT fact_step');
      await manager.query('RELEASE SAVEPOINT fact_step');
      return false;
    }
    await manager.query('RELEASE SAVEPOINT fact_step');
    await manager.query(`INSERT INTO pg_temp.${stage} SELECT row_no, ${keys} FROM pg_temp.${step}`);
    return true;
  };
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
    await writing.mergeStep(step);
  };
  const writeStep = async (rows: number) => {
    if (!merging && writing.insertFirst) {
      if (await insertStep(writing.insertFirst)) return;
      merging = true;
      await uniqueKeys();
    }
    await checkAndMergeStep(rows);
  };
  // A step is small next to the fact table: its keys are looked up in the table's unique index and
  // the changed rows updated by id (nested loops). Left to itself the planner hashed the whole fact
  // table for every step (1.9 s instead of 0.45 s a step of 50,000 rows against 1,000,000 stored);
  // JIT compiling each step's statements cost ~20 ms a step and saved nothing.
  await withPlannerSettings(manager, { enable_hashjoin: 'off', enable_mergejoin: 'off', jit: 'off' }, () => inSteps(client, manager, step, names, batches, writeStep));
  await manager.query(`DROP TABLE pg_temp.${step}`);
  return { inserted };
}

/**
 * Inserts every row of the temporary table `from` into the fact table (no key can match: the caller
 * knows), adds their (division, day) pairs to `touched` and returns how many rows went in.
 */
export async function insertAll(manager: EntityManager, spec: FactTableSpec, source: string, batchId: string | null, from: string, touched: Set<string>): Promise<number> {
  const names = [...spec.key, ...spec.values].map((c) => c.column).join(', ');
  const days: Array<{ division_code: string; day: string; n: number }> = await manager.query(
    `WITH inserted AS (
       INSERT INTO ${spec.table} (source, import_batch_id, ${names}) SELECT $1, $2::uuid, ${names} FROM pg_temp.${from}
       RETURNING division_code, ${spec.dayColumn}::text AS day)
     SELECT division_code, day, count(*)::int AS n FROM inserted GROUP BY 1, 2`,
    [source, batchId],
  );
  let inserted = 0;
  for (const row of days) {
    touched.add(`${row.division_code}|${row.day}`);
    inserted += row.n;
  }
  return inserted;
}

/** The pg client under a TypeORM transaction's query runner (COPY needs the same connection). */
export function pgClientOf(manager: EntityManager): PoolClient | null {
  const runner = manager.queryRunner as (typeof manager.queryRunner & { databaseConnection?: PoolClient }) | undefined;
  return runner?.isTransactionActive && runner.databaseConnection ? runner.databaseConnection : null;
}

/**
 * The staging table after writeInSteps, for afterStaged: the rows whose key an earlier row of the
 * file has were set apart while staging (in `${stage}_repeated`) and never written.
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
