// The platform's reading of a table: the header found among the first rows by the platform
// datasets' column names (one dataset's, or all of them); the rows come from the shared readers.
import { type ImportDataset } from '@app/contracts';
import { headerScore } from './headers.js';
import { splitHeader as splitSheetHeader, type ReadTableResult, type TableRow } from '../../spreadsheets/readers/table.js';

export { sniffFormat } from '../../spreadsheets/readers/read-table.js';

/** The header among the first rows by the dataset's column names, and the data rows below it. */
export function splitHeader(nonBlankRows: TableRow[], dataset: ImportDataset | undefined, maxRows: number): Pick<ReadTableResult, 'headerRow' | 'headers' | 'rows'> {
  return splitSheetHeader(nonBlankRows, (cells) => headerScore(cells, dataset), maxRows);
}
