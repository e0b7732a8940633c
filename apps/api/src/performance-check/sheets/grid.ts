import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter } from '../../spreadsheets/readers/csv.js';
import { parseCsv } from '../../spreadsheets/readers/csv-stream.js';
import { ImportFileError } from '../../spreadsheets/readers/import-file-error.js';

/** A sheet as a reader sees it: every cell's printed value, merged cells carrying their master's value. */
export interface Grid {
  sheet: string;
  rows: GridCell[][];
}
export type GridCell = string | number | null;

// A 自评表 is a page, not a data dump: anything beyond this is not one (and is not read further).
const MAX_ROWS = 400;
const MAX_COLUMNS = 40;
const MAX_CELL = 4000;

/** The printed value of an exceljs cell: numbers stay numbers, rich text and formulas give their text or result. */
function printed(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.slice(0, MAX_CELL);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('').slice(0, MAX_CELL);
    if ('result' in value) return printed((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text.slice(0, MAX_CELL);
    if ('error' in value) return null;
  }
  return null;
}

/** Every worksheet of an XLSX workbook as a grid. Throws an ImportFileError when the file is not an XLSX workbook. */
export async function gridsFromXlsx(buffer: Buffer): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('UNSUPPORTED_FORMAT', '文件不是有效的 XLSX 工作簿', 'The file is not a valid XLSX workbook');
  }
  return workbook.worksheets.filter((ws) => ws.state !== 'hidden').map((ws) => {
    const rows: GridCell[][] = [];
    const height = Math.min(ws.rowCount, MAX_ROWS);
    const width = Math.min(ws.columnCount, MAX_COLUMNS);
    for (let r = 1; r <= height; r++) {
      const row: GridCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = ws.getCell(r, c);
        // A merged range prints its master's value across its whole area (merged 一级指标 over many rows).
        row.push(printed(cell.isMerged ? cell.master.value : cell.value));
      }
      rows.push(row);
    }
    return { sheet: ws.name, rows };
  });
}

/** A CSV or tab-separated text (UTF-8 or GBK, as Excel and WPS save or copy it) as one grid. */
export function gridFromCsv(buffer: Buffer, sheet: string): Grid {
  const { text } = decodeText(buffer);
  const { delimiter, bodyStart } = detectDelimiter(text);
  const records = parseCsv(text.slice(bodyStart), delimiter, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS, maxCellLength: MAX_CELL });
  const rows: GridCell[][] = [];
  for (const record of records) {
    while (rows.length < record.row - 1) rows.push([]);
    rows.push(record.cells.slice(0, MAX_COLUMNS).map((cell) => (cell === '' ? null : cell)));
  }
  return { sheet, rows };
}
