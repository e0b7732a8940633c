// A sheet spec: what a feature says about its spreadsheet, and nothing about files. Columns (key,
// Chinese and English header, aliases, a cell parser) and a row rule returning a value or row
// errors. Pure: `matchSheetHeaders` and `applySheetRow` are what the importer runs on each file.
import { type ImportRowError } from '@app/contracts';
import { normalizeHeader, type TableRow } from './readers/table.js';

/** A problem of one cell or one row, with a stable code and both languages. */
export interface SheetProblem {
  code: string;
  message: string;
  messageEn: string;
  params?: Record<string, string | number>;
}

export type CellResult<T> = { ok: true; value: T } | ({ ok: false } & SheetProblem);

export const cellOk = <T>(value: T): CellResult<T> => ({ ok: true, value });
export const cellError = <T = never>(code: string, message: string, messageEn: string, params?: Record<string, string | number>): CellResult<T> => ({
  ok: false, code, message, messageEn, ...(params ? { params } : {}),
});

export interface SheetColumn<T, Ctx> {
  /** The header of the template and of the error messages. */
  zh: string;
  en: string;
  /** Other spellings accepted (compared after normalizeHeader: full-width forms, spaces and case do not matter). */
  aliases?: readonly string[];
  /** A file may leave the column out (its cells then parse as '', or take `absent`). */
  optional?: boolean;
  /** The value of an optional column the file leaves out, when it differs from an empty cell's (an update keeps what it had). */
  absent?: () => T;
  /** The trimmed cell text → its value or a problem (an empty cell is ''). */
  parse(text: string, ctx: Ctx): CellResult<T>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column has its own value type
export type SheetColumns<Ctx> = Record<string, SheetColumn<any, Ctx>>;
export type SheetValues<C> = { [K in keyof C]: C[K] extends { parse(...args: never[]): CellResult<infer T> } ? T : never };

/** A row rule's problem, naming the column it is about. */
export type SheetRowProblem<K> = SheetProblem & { column: K };
export type RowRuleResult<V, K> = { ok: true; value: V } | { ok: false; errors: SheetRowProblem<K>[] };

export interface SheetSpec<C extends SheetColumns<Ctx>, Ctx, V> {
  columns: C;
  /** Runs once every cell of the row parsed: the cross-column checks and the value to write. */
  row(values: SheetValues<C>, ctx: Ctx): RowRuleResult<V, keyof C & string>;
}

/** Helper that keeps the column types when a feature declares its spec. */
export function defineSheet<Ctx>() {
  return <C extends SheetColumns<Ctx>, V>(spec: SheetSpec<C, Ctx, V>): SheetSpec<C, Ctx, V> => spec;
}

export interface SheetHeaderMapping<K extends string> {
  /** Column key → index in the row and the header as written in the file. */
  columns: Partial<Record<K, { index: number; header: string }>>;
  /** Headers of required columns the file lacks (as the template writes them). */
  missing: K[];
  /** Two headers of the file naming the same column. */
  duplicates: Array<{ key: K; first: string; second: string }>;
}

function aliasesOf(column: SheetColumn<unknown, never>): string[] {
  return [column.zh, column.en, ...(column.aliases ?? [])].map(normalizeHeader);
}

/** How many of the spec's columns a candidate header row names (the importer picks the best of the first rows). */
export function sheetHeaderScore<Ctx>(columns: SheetColumns<Ctx>): (cells: readonly string[]) => number {
  const known = new Set(Object.values(columns).flatMap((column) => aliasesOf(column as SheetColumn<unknown, never>)));
  return (cells) => cells.filter((cell) => cell.trim() !== '' && known.has(normalizeHeader(cell))).length;
}

export function matchSheetHeaders<C extends SheetColumns<Ctx>, Ctx>(columns: C, headers: readonly string[]): SheetHeaderMapping<keyof C & string> {
  const normalized = headers.map(normalizeHeader);
  const mapping: SheetHeaderMapping<keyof C & string> = { columns: {}, missing: [], duplicates: [] };
  for (const [key, column] of Object.entries(columns) as [keyof C & string, SheetColumn<unknown, never>][]) {
    const names = aliasesOf(column);
    const [index, second] = normalized.flatMap((header, i) => (header !== '' && names.includes(header) ? [i] : []));
    if (index !== undefined) mapping.columns[key] = { index, header: headers[index].trim() };
    else if (!column.optional) mapping.missing.push(key);
    if (second !== undefined) mapping.duplicates.push({ key, first: headers[index].trim(), second: headers[second].trim() });
  }
  return mapping;
}

export type SheetRowOutcome<V> = { ok: true; value: V } | { ok: false; errors: ImportRowError[] };

/** One data row through the cell parsers and then the row rule; every problem of the row at once. */
export function applySheetRow<C extends SheetColumns<Ctx>, Ctx, V>(
  spec: SheetSpec<C, Ctx, V>,
  mapping: SheetHeaderMapping<keyof C & string>,
  tableRow: TableRow,
  ctx: Ctx,
): SheetRowOutcome<V> {
  const errors: ImportRowError[] = [];
  const headerOf = (key: keyof C & string) => mapping.columns[key]?.header ?? spec.columns[key].zh;
  const textOf = (key: keyof C & string) => {
    const at = mapping.columns[key];
    return at ? (tableRow.cells[at.index] ?? '').trim() : '';
  };
  const problem = (key: keyof C & string, p: SheetProblem, value = textOf(key)): ImportRowError => ({
    row: tableRow.row, column: headerOf(key), value: value.slice(0, 200), code: p.code, message: p.message, messageEn: p.messageEn,
  });
  const issues = new Map((tableRow.cellIssues ?? []).map((issue) => [issue.column, issue]));
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(spec.columns) as [keyof C & string, SheetColumn<unknown, Ctx>][]) {
    const issue = mapping.columns[key] ? issues.get(mapping.columns[key]!.index) : undefined;
    if (issue) {
      errors.push(problem(key, { code: 'CELL_ERROR', message: issue.message, messageEn: issue.messageEn }, ''));
      continue;
    }
    if (!mapping.columns[key] && column.absent) {
      values[key] = column.absent();
      continue;
    }
    const parsed = column.parse(textOf(key), ctx);
    if (parsed.ok) values[key] = parsed.value;
    else errors.push(problem(key, parsed));
  }
  if (errors.length > 0) return { ok: false, errors };
  const ruled = spec.row(values as SheetValues<C>, ctx);
  if (ruled.ok) return ruled;
  return { ok: false, errors: ruled.errors.map((e) => problem(e.column, e)) };
}
