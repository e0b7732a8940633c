// Parsing of platform imports: the shared readers (spreadsheets/readers: bytes → table) and the
// platform's own columns and rows (headers.ts, parse-rows.ts: table → typed rows with per-cell errors). No I/O.
export * from '../../spreadsheets/readers/cell-values.js';
export * from './headers.js';
export { createStreamDecoder, CsvStreamParser, readCsvStream, SNIFF_BYTES, type CsvStream, type StreamDecoder } from '../../spreadsheets/readers/csv-stream.js';
export * from '../../spreadsheets/readers/import-file-error.js';
export * from './parse-rows.js';
export * from './read-table.js';
export { openXlsxSheet } from '../../spreadsheets/readers/xlsx.js';
export { DEFAULT_READ_LIMITS, HEADER_SEARCH_ROWS, tooManyRows, type CellIssue, type HeaderScorer, type ReadLimits, type ReadTableResult, type TableRow } from '../../spreadsheets/readers/table.js';
