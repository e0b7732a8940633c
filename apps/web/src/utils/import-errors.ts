// Row errors of an import (every import answers with the same ones): filtering, the downloadable report. Pure, no Vue.

export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
  messageEn?: string;
  code?: string;
}

/** How the screen rewords a message it can say better (issue 13 §9); the view passes its locale's words. */
export interface RowErrorWords {
  /** A value outside a list (类型, 渠道, 用户类型…): say what the column expects. */
  unknownKind: (column: string, allowed: string) => string;
}

/**
 * The message in the language of the screen (Chinese unless English is chosen and given). A value outside a list
 * ("类型无法识别，可选值：A、B" whatever the column) names the column and what it expects.
 */
export function rowErrorMessage(error: ImportRowError, zh: boolean, words?: RowErrorWords): string {
  const message = !zh && error.messageEn ? error.messageEn : error.message;
  if (words && error.code === 'UNKNOWN_KIND') {
    const allowed = /(?:可选值：|allowed: )(.+)$/.exec(message)?.[1];
    if (allowed) return words.unknownKind(error.column, allowed.trim());
  }
  return message;
}

/**
 * Errors matching a free-text query (row number, column, value or message in either language)
 * and, when given, one column.
 */
export function filterRowErrors(errors: readonly ImportRowError[], query: string, column?: string | null): ImportRowError[] {
  const q = query.trim().toLowerCase();
  return errors.filter((error) => {
    if (column && error.column !== column) return false;
    if (!q) return true;
    if (/^\d+$/.test(q) && String(error.row) === q) return true;
    return [error.column, error.value, error.message, error.messageEn ?? '', error.code ?? ''].some((text) => text.toLowerCase().includes(q));
  });
}

/** The distinct columns that have errors, in first-seen order (for the column filter). */
export function errorColumns(errors: readonly ImportRowError[]): string[] {
  return [...new Set(errors.map((error) => error.column))];
}

/** Header plus one line per error, for CSV or XLSX. */
export function errorReportRows(
  errors: readonly ImportRowError[],
  zh: boolean,
  headers: { row: string; column: string; value: string; message: string; code: string },
  words?: RowErrorWords,
): Array<Array<string | number>> {
  return [
    [headers.row, headers.column, headers.value, headers.message, headers.code],
    ...errors.map((error) => [error.row, error.column, error.value, rowErrorMessage(error, zh, words), error.code ?? '']),
  ];
}

/** "deals.csv" → "deals-errors"; a file name safe on every OS. */
export function errorReportBaseName(fileName: string | null | undefined, fallback: string): string {
  const base = (fileName ?? '').replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return `${base || fallback}-errors`;
}

/** The row errors of a refused import (a 422 body's `errors` with `row`), or none. */
export function rowErrorsOf(body: Record<string, unknown> | undefined): ImportRowError[] {
  const errors = body?.errors;
  if (!Array.isArray(errors)) return [];
  return errors
    .filter((e): e is ImportRowError => typeof e?.row === 'number' && typeof e?.message === 'string')
    .map((e) => ({ row: e.row, column: String(e.column ?? ''), value: String(e.value ?? ''), code: e.code, message: e.message, messageEn: e.messageEn }));
}
