// The platform's reading of a table: the shared reader (spreadsheets/readers), with the header
// found among the first rows by the platform datasets' column names (one dataset's, or all of them).
import { type ImportDataset } from '@app/contracts';
import { headerScore } from './headers.js';
import { readTable as readSheetTable, type ReadTableOptions as SheetReadOptions } from '../../spreadsheets/readers/read-table.js';
import { splitHeader as splitSheetHeader, type ReadTableResult, type TableRow } from '../../spreadsheets/readers/table.js';

export { sniffFormat } from '../../spreadsheets/readers/read-table.js';

export interface ReadTableOptions extends SheetReadOptions {
  // Scores header candidates against this dataset's columns; all datasets when absent.
  dataset?: ImportDataset;
}

export function readTable(buffer: Buffer, options: ReadTableOptions): Promise<ReadTableResult> {
  const { dataset, ...rest } = options;
  return readSheetTable(buffer, { ...rest, scoreHeader: options.scoreHeader ?? ((cells) => headerScore(cells, dataset)) });
}

/** The header among the first rows by the dataset's column names, and the data rows below it. */
export function splitHeader(nonBlankRows: TableRow[], dataset: ImportDataset | undefined, maxRows: number): Pick<ReadTableResult, 'headerRow' | 'headers' | 'rows'> {
  return splitSheetHeader(nonBlankRows, (cells) => headerScore(cells, dataset), maxRows);
}
