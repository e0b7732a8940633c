import ExcelJS from 'exceljs';
import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse } from '@app/contracts';

// The review of several uploaded 自评表 as a workbook for the finance clerk: one line per file (project, unit,
// recomputed total and grade, errors and warnings) and every finding in words with its place.

export interface ReviewEntry {
  fileName: string;
  sheet: string | null;
  table: SelfEvaluationCheckRequest | null;
  result: SelfEvaluationCheckResponse | null;
  error: { message: string; messageEn: string } | null;
}

const SEVERITY = { error: ['错误', 'Error'], warning: ['提示', 'Warning'], info: ['说明', 'Note'] } as const;

export async function renderReviewXlsx(entries: readonly ReviewEntry[], language: 'zh' | 'en' = 'zh'): Promise<Buffer> {
  const zh = language === 'zh';
  const wb = new ExcelJS.Workbook();
  const review = wb.addWorksheet(zh ? '审阅清单' : 'Review');
  review.columns = [
    { header: zh ? '文件' : 'File', width: 34 },
    { header: zh ? '工作表' : 'Sheet', width: 16 },
    { header: zh ? '项目名称' : 'Project', width: 40 },
    { header: zh ? '实施单位' : 'Implementing unit', width: 28 },
    { header: zh ? '金额单位' : 'Unit', width: 10 },
    { header: zh ? '重算总分' : 'Recomputed total', width: 12 },
    { header: zh ? '等级' : 'Grade', width: 8 },
    { header: zh ? '错误' : 'Errors', width: 8 },
    { header: zh ? '提示' : 'Warnings', width: 8 },
    { header: zh ? '说明' : 'Note', width: 50 },
  ];
  const findings = wb.addWorksheet(zh ? '全部问题' : 'Findings');
  findings.columns = [
    { header: zh ? '文件' : 'File', width: 34 },
    { header: zh ? '项目名称' : 'Project', width: 36 },
    { header: zh ? '级别' : 'Severity', width: 8 },
    { header: zh ? '位置' : 'Place', width: 40 },
    { header: zh ? '问题' : 'Finding', width: 80 },
    { header: zh ? '应为' : 'Expected', width: 12 },
    { header: zh ? '表中为' : 'Printed', width: 12 },
  ];
  for (const entry of entries) {
    const r = entry.result;
    const count = (s: 'error' | 'warning') => r?.findings.filter((f) => f.severity === s).length ?? 0;
    review.addRow([
      entry.fileName, entry.sheet ?? '', entry.table?.project.name ?? '', entry.table?.project.implementer ?? '', entry.table?.unit ?? '',
      r ? Number(r.total) : null, r?.grade ?? '', r ? count('error') : null, r ? count('warning') : null,
      entry.error ? (zh ? entry.error.message : entry.error.messageEn) : r?.executionOnly ? (zh ? '仅资金部分（表中无绩效指标）' : 'Funding block only (no indicator rows)') : '',
    ]);
    for (const f of r?.findings ?? []) {
      findings.addRow([entry.fileName, entry.table?.project.name ?? '', SEVERITY[f.severity][zh ? 0 : 1], f.place ?? '', zh ? f.message : f.messageEn, f.expected ?? '', f.found ?? '']);
    }
  }
  for (const ws of [review, findings]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  review.getColumn(6).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
