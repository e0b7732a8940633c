// The one importer of a sheet spec: reads the file (CSV or XLSX, by content), finds the header
// among the first rows, applies the spec to every row, and commits the valid rows through the
// feature's writer in one transaction. all-or-nothing: any row error → 422 ROWS_REJECTED, nothing
// written; valid-rows: the valid rows are written and the errors listed in the 201.
import { type EntityManager } from 'typeorm';
import { type ImportMode, type ImportRowError, type SheetImportCounts } from '@app/contracts';
import { isImportFileError } from './readers/import-file-error.js';
import { readTable } from './readers/read-table.js';
import { type ReadTableResult } from './readers/table.js';
import { fileErrorRejection, fileInvalid, rowsRejected } from './file-rejection.js';
import { applySheetRow, matchSheetHeaders, sheetHeaderScore, type SheetColumns, type SheetSpec } from './sheet-spec.js';

/** The valid rows the writer gets, each with its row number as Excel shows it. */
export interface SheetRowValue<V> {
  row: number;
  value: V;
}

export type SheetWriteCounts = Pick<SheetImportCounts, 'inserted' | 'updated' | 'unchanged'>;

/** What a writer that checks rows against the database (inside the transaction) adds: their errors. */
export type SheetWriteOutcome = SheetWriteCounts & { errors?: ImportRowError[]; rejected?: number };

/** What the writer is told besides its rows. */
export interface SheetWriteContext {
  /** The file's header of a column key (for the row errors a writer finds). */
  columnOf: (key: string) => string;
  /** Rows already refused by the cell parsers and the row rule (all-or-nothing: write nothing, only check). */
  rejected: number;
}

export interface SheetImportRequest<C extends SheetColumns<Ctx>, Ctx, V> {
  file: { buffer: Buffer; filename: string };
  spec: SheetSpec<C, Ctx, V>;
  context: Ctx;
  mode: ImportMode;
  /** The route's upload limit and IMPORT_MAX_ROWS: the same row limit on every import. */
  limits: { maxFileBytes: number; maxRows: number };
  /** Runs the work in one database transaction (a DataSource's `transaction`). */
  transaction: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T>;
  /** The feature's commit of its valid rows, inside the transaction. */
  write: (rows: SheetRowValue<V>[], manager: EntityManager, context: SheetWriteContext) => Promise<SheetWriteOutcome>;
  /**
   * The writer checks rows against the database too (their errors join the file's): it runs even when
   * rows were refused, so that one answer lists every error, and whatever it wrote is rolled back.
   */
  writerChecksRows?: boolean;
}

/** Reads and checks a file against a spec without writing: the rows' values and every row error. */
export async function checkSheet<C extends SheetColumns<Ctx>, Ctx, V>(
  request: Pick<SheetImportRequest<C, Ctx, V>, 'file' | 'spec' | 'context' | 'limits'>,
): Promise<{ rows: number; values: SheetRowValue<V>[]; errors: ImportRowError[]; rejected: number; columnOf: (key: string) => string }> {
  let table: ReadTableResult;
  try {
    table = await readTable(request.file.buffer, { filename: request.file.filename, scoreHeader: sheetHeaderScore(request.spec.columns), limits: request.limits });
  } catch (error) {
    if (isImportFileError(error)) throw fileErrorRejection(error);
    throw error;
  }
  const mapping = matchSheetHeaders(request.spec.columns, table.headers);
  if (mapping.duplicates.length > 0) {
    const errors = mapping.duplicates.map(({ first, second }) => ({
      row: table.headerRow, column: second, code: 'DUPLICATE_COLUMN', message: `列“${first}”与列“${second}”重复`, messageEn: `The columns "${first}" and "${second}" are the same column`,
    }));
    throw fileInvalid('DUPLICATE_COLUMN', errors[0].message, errors[0].messageEn, { errors });
  }
  if (mapping.missing.length > 0) {
    const labels = mapping.missing.map((key) => request.spec.columns[key]);
    throw fileInvalid('MISSING_COLUMNS', `缺少必需的列：${labels.map((c) => c.zh).join('、')}`, `Missing required columns: ${labels.map((c) => c.en).join(', ')}`, {
      params: { missing: labels.map((c) => c.zh).join(',') },
      errors: labels.map((c) => ({ row: table.headerRow, column: c.zh, code: 'MISSING_COLUMN', message: `缺少列“${c.zh}”`, messageEn: `missing column "${c.en}"` })),
    });
  }
  const dataRows = table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== '') || row.cellIssues?.length);
  if (dataRows.length === 0) throw fileInvalid('NO_DATA_ROWS', '文件只有表头，没有数据行', 'The file has a header but no data rows');

  const values: SheetRowValue<V>[] = [];
  const errors: ImportRowError[] = [];
  let rejected = 0;
  for (const tableRow of dataRows) {
    const outcome = applySheetRow(request.spec, mapping, tableRow, request.context);
    if (outcome.ok) values.push({ row: tableRow.row, value: outcome.value });
    else {
      rejected++;
      errors.push(...outcome.errors);
    }
  }
  const columnOf = (key: string) => mapping.columns[key as keyof C & string]?.header ?? request.spec.columns[key]?.zh ?? key;
  return { rows: dataRows.length, values, errors, rejected, columnOf };
}

/** Check, then commit: all-or-nothing refuses a file with any bad row; valid-rows writes the good ones (refused when none is). */
export async function importSheet<C extends SheetColumns<Ctx>, Ctx, V>(request: SheetImportRequest<C, Ctx, V>): Promise<SheetImportCounts> {
  const { rows, values, errors, rejected, columnOf } = await checkSheet(request);
  const refuse = (count: number, all: ImportRowError[]) => rowsRejected(count, all, { rows, inserted: 0, updated: 0, unchanged: 0, rejected: count });
  if (!request.writerChecksRows && errors.length > 0 && (request.mode === 'all-or-nothing' || values.length === 0)) throw refuse(rejected, errors);
  // Throwing inside the transaction rolls back whatever the writer wrote.
  return request.transaction(async (manager) => {
    const { errors: writeErrors = [], rejected: writeRejected = 0, ...counts } = await request.write(values, manager, { columnOf, rejected });
    const all = [...errors, ...writeErrors].sort((a, b) => a.row - b.row);
    const refused = rejected + writeRejected;
    if (all.length > 0 && (request.mode === 'all-or-nothing' || counts.inserted + counts.updated === 0)) throw refuse(refused, all);
    return { rows, ...counts, rejected: refused, errors: all };
  });
}
