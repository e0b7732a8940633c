import { type Writable } from 'node:stream';
import { type SelfEvaluationCheckRequest, type SelfEvaluationCheckResponse } from '@app/contracts';
import { type ExportColumn, inOneBatch, workbookSheet, writeXlsxWorkbook } from '../../spreadsheets/sheet-writer.js';

// The review of several uploaded 自评表 as a workbook for the finance clerk: one line per file (project, unit,
// recomputed total and grade, errors and warnings) and every finding in words with its place.

export interface ReviewEntry {
  fileName: string;
  sheet: string | null;
  table: SelfEvaluationCheckRequest | null;
  result: SelfEvaluationCheckResponse | null;
  error: { message: string; messageEn: string } | null;
}

type Finding = SelfEvaluationCheckResponse['findings'][number];
interface FindingRow {
  entry: ReviewEntry;
  finding: Finding;
}

const SEVERITY = { error: ['错误', 'Error'], warning: ['提示', 'Warning'], info: ['说明', 'Note'] } as const;

const countOf = (entry: ReviewEntry, severity: 'error' | 'warning') => entry.result ? entry.result.findings.filter((f) => f.severity === severity).length : null;

/** The note of a file's line: why it could not be checked, or that it held only the funding block. */
function note(entry: ReviewEntry, zh: boolean): string {
  if (entry.error) return zh ? entry.error.message : entry.error.messageEn;
  if (entry.result?.executionOnly) return zh ? '仅资金部分（表中无绩效指标）' : 'Funding block only (no indicator rows)';
  return '';
}

function reviewColumns(zh: boolean): ExportColumn<ReviewEntry>[] {
  return [
    { zh: '文件', en: 'File', kind: 'text', width: 34, value: (e) => e.fileName },
    { zh: '工作表', en: 'Sheet', kind: 'text', width: 16, value: (e) => e.sheet },
    { zh: '项目名称', en: 'Project', kind: 'text', width: 40, value: (e) => e.table?.project.name },
    { zh: '实施单位', en: 'Implementing unit', kind: 'text', width: 28, value: (e) => e.table?.project.implementer },
    { zh: '金额单位', en: 'Unit', kind: 'text', width: 10, value: (e) => e.table?.unit },
    { zh: '重算总分', en: 'Recomputed total', kind: 'decimal', width: 12, value: (e) => e.result?.total },
    { zh: '等级', en: 'Grade', kind: 'text', width: 8, value: (e) => e.result?.grade },
    { zh: '错误', en: 'Errors', kind: 'count', width: 8, value: (e) => countOf(e, 'error') },
    { zh: '提示', en: 'Warnings', kind: 'count', width: 8, value: (e) => countOf(e, 'warning') },
    { zh: '说明', en: 'Note', kind: 'text', width: 50, value: (e) => note(e, zh) },
  ];
}

function findingColumns(zh: boolean): ExportColumn<FindingRow>[] {
  return [
    { zh: '文件', en: 'File', kind: 'text', width: 34, value: (r) => r.entry.fileName },
    { zh: '项目名称', en: 'Project', kind: 'text', width: 36, value: (r) => r.entry.table?.project.name },
    { zh: '级别', en: 'Severity', kind: 'text', width: 8, value: (r) => SEVERITY[r.finding.severity][zh ? 0 : 1] },
    { zh: '位置', en: 'Place', kind: 'text', width: 40, value: (r) => r.finding.place },
    { zh: '问题', en: 'Finding', kind: 'text', width: 80, value: (r) => (zh ? r.finding.message : r.finding.messageEn) },
    { zh: '应为', en: 'Expected', kind: 'text', width: 12, value: (r) => r.finding.expected },
    { zh: '表中为', en: 'Printed', kind: 'text', width: 12, value: (r) => r.finding.found },
  ];
}

/** Streams the review (two sheets: one line per file, then every finding) into `target`. */
export async function writeReviewXlsx(target: Writable, entries: readonly ReviewEntry[], language: 'zh' | 'en' = 'zh'): Promise<void> {
  const zh = language === 'zh';
  const findings = entries.flatMap((entry) => (entry.result?.findings ?? []).map((finding) => ({ entry, finding })));
  await writeXlsxWorkbook(target, {
    language,
    sheets: [
      workbookSheet({ sheetName: zh ? '审阅清单' : 'Review', columns: reviewColumns(zh), batches: inOneBatch(entries) }),
      workbookSheet({ sheetName: zh ? '全部问题' : 'Findings', columns: findingColumns(zh), batches: inOneBatch(findings) }),
    ],
  });
}
