import ExcelJS from 'exceljs';
import { type SheetModel } from '@app/contracts';

const THIN = { style: 'thin' as const };

/** The sheet model as an XLSX workbook (A4 landscape, thin borders, merged cells). */
export async function renderXlsx(model: SheetModel): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tianfu KPI';
  const sheet = workbook.addWorksheet(model.sheetName, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  model.columnWidths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  // Spreadsheets have no text watermark: the mark goes in the printed page header (every page) and in red above the
  // title row's table, besides the subtitle and the grade cell the model already marks.
  if (model.watermark) {
    sheet.headerFooter.oddHeader = `&C&"SimSun,Bold"&16&KC00000${model.watermark}`;
    sheet.headerFooter.evenHeader = sheet.headerFooter.oddHeader;
  }
  for (let r = 1; r <= model.rowCount; r++) {
    for (let col = 1; col <= model.columns; col++) {
      const cell = sheet.getCell(r, col);
      cell.border = r <= 2 ? {} : { top: THIN, left: THIN, bottom: THIN, right: THIN };
      cell.alignment = { vertical: 'middle', wrapText: true };
    }
  }
  for (const c of model.cells) {
    const cell = sheet.getCell(c.row, c.col);
    cell.value = c.value;
    if (c.numFmt) cell.numFmt = c.numFmt;
    cell.alignment = { vertical: 'middle', horizontal: c.align ?? (typeof c.value === 'number' ? 'right' : 'left'), wrapText: true };
    if (c.bold) cell.font = { bold: true };
  }
  sheet.getRow(1).font = { bold: true, size: 16 };
  if (model.watermark) sheet.getCell(2, 1).font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.getRow(1).height = 28;
  for (const m of model.merges) sheet.mergeCells(m.top, m.left, m.bottom, m.right);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/** The same model as a printable HTML page (rowspan/colspan for the merged cells). */
export function renderHtml(model: SheetModel, title: string): string {
  const covered = new Set<string>();
  const spans = new Map<string, { rowspan: number; colspan: number }>();
  for (const m of model.merges) {
    spans.set(`${m.top}:${m.left}`, { rowspan: m.bottom - m.top + 1, colspan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const byPosition = new Map(model.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const body: string[] = [];
  for (let r = 1; r <= model.rowCount; r++) {
    const tds: string[] = [];
    for (let c = 1; c <= model.columns; c++) {
      const key = `${r}:${c}`;
      if (covered.has(key)) continue;
      const cell = byPosition.get(key);
      const span = spans.get(key);
      const value = cell?.value;
      const text = value === null || value === undefined ? '' : typeof value === 'number' && cell?.numFmt ? value.toFixed(2) : String(value);
      const attrs = [
        span && span.rowspan > 1 ? `rowspan="${span.rowspan}"` : '',
        span && span.colspan > 1 ? `colspan="${span.colspan}"` : '',
        `class="${[r <= 2 ? 'title' : '', cell?.bold ? 'b' : '', typeof value === 'number' ? 'num' : cell?.align === 'center' ? 'c' : ''].filter(Boolean).join(' ')}"`,
      ].filter(Boolean);
      tds.push(`<td ${attrs.join(' ')}>${escapeHtml(text)}</td>`);
    }
    body.push(`<tr>${tds.join('')}</tr>`);
  }
  const cols = model.columnWidths.map((w) => `<col style="width:${w}ch">`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  @page { size: A4 landscape; margin: 12mm; }
  body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 12px; color: #000; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  td { border: 1px solid #000; padding: 4px 6px; vertical-align: middle; word-break: break-all; }
  td.title { border: none; text-align: center; }
  tr:first-child td { font-size: 20px; font-weight: bold; padding: 8px; }
  td.b { font-weight: bold; }
  td.c { text-align: center; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .watermark { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; pointer-events: none;
    font-size: 96px; font-weight: bold; color: rgba(192, 0, 0, 0.12); transform: rotate(-24deg); }
</style></head>
<body>${model.watermark ? `<div class="watermark">${escapeHtml(model.watermark)}</div>` : ''}<table><colgroup>${cols}</colgroup><tbody>
${body.join('\n')}
</tbody></table></body></html>`;
}
