import ExcelJS from 'exceljs';
import { canonicalHeaders } from './parsing/index.js';
import { type ImportDataset } from '@app/contracts';

// One plausible row per dataset, keyed by the canonical header. 成交金额(万元) is an alternative
// to 成交金额(元) (a file may carry only one of them), so the template shows 元 only.
const EXAMPLE_ROWS: Record<ImportDataset, Record<string, string | number>> = {
  deals: {
    编号: 'KJFW-2021-0001', 类型: '科技服务', 区划代码: '510403', 区县: '西区', 成交日期: '2021-11-15',
    '成交金额(元)': 150000, 需求方: '攀枝花某钒钛材料有限公司', 服务方: '西区某科技服务中心', 名称: '钒钛材料检测技术服务',
  },
  listings: { 编号: 'XQ-2021-0001', 类型: '科技所需', 区划代码: '510403', 区县: '西区', 发布日期: '2021-11-15' },
  registrations: { 编号: 'U-2021-0001', 用户类型: '科技工作者', 区划代码: '510403', 区县: '西区', 注册日期: '2021-11-15' },
  popsci: { 区划代码: '510403', 区县: '西区', 日期: '2021-11-15', 渠道: '微信', 服务户数: 12, 服务人次: 480 },
};

const OMITTED_FROM_TEMPLATE = new Set(['成交金额(万元)']);

const SHEET_NAMES: Record<ImportDataset, string> = { deals: '成交', listings: '发布', registrations: '注册用户', popsci: '精准科普' };

export function templateHeaders(dataset: ImportDataset): string[] {
  return canonicalHeaders(dataset).filter((header) => !OMITTED_FROM_TEMPLATE.has(header));
}

export function templateFileName(dataset: ImportDataset, format: 'xlsx' | 'csv'): string {
  return `${dataset}-template.${format}`;
}

export async function buildXlsxTemplate(dataset: ImportDataset): Promise<Buffer> {
  const headers = templateHeaders(dataset);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tianfu KPI';
  const sheet = workbook.addWorksheet(SHEET_NAMES[dataset]);
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow(headers.map((header) => EXAMPLE_ROWS[dataset][header] ?? ''));
  headers.forEach((header, index) => {
    sheet.getColumn(index + 1).width = Math.max(12, header.length * 2 + 4);
    // Codes and dates as text, so Excel neither drops leading zeros nor reformats the day.
    if (typeof EXAMPLE_ROWS[dataset][header] === 'string') sheet.getColumn(index + 1).numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a BOM (so that Excel opens the Chinese headers correctly), CRLF lines. */
export function buildCsvTemplate(dataset: ImportDataset): Buffer {
  const headers = templateHeaders(dataset);
  const quote = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [headers.map(quote).join(','), headers.map((header) => quote(EXAMPLE_ROWS[dataset][header] ?? '')).join(',')];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}
