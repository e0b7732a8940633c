// File parsing of platform imports: bytes → table → typed rows with per-cell errors. No I/O.
export * from './cell-values.js';
export * from './headers.js';
export { createStreamDecoder, CsvStreamParser, readCsvStream, SNIFF_BYTES, type CsvStream, type StreamDecoder } from './csv-stream.js';
export * from './import-file-error.js';
export * from './parse-rows.js';
export * from './read-table.js';
export { openXlsxSheet } from './xlsx.js';
export { DEFAULT_READ_LIMITS, HEADER_SEARCH_ROWS, splitHeader, tooManyRows, type CellIssue, type HeaderScorer, type ReadLimits, type ReadTableResult, type TableRow } from './table.js';
