// What the imports screen checks before it uploads, and the columns it explains. Pure, no Vue.
import { type ImportDataset } from '@app/contracts';

export const IMPORT_ACCEPT = '.csv,.xlsx';

/** The client's size check; the server's IMPORT_MAX_BYTES is the authority (413). */
export const DEFAULT_MAX_IMPORT_MB = 20;

export type FileProblem = 'empty' | 'extension' | 'legacyXls' | 'tooLarge';

/** Why a chosen file cannot be uploaded, or null when it may be. */
export function checkImportFile(file: { name: string; size: number }, maxBytes: number): FileProblem | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xls')) return 'legacyXls';
  if (!name.endsWith('.csv') && !name.endsWith('.xlsx')) return 'extension';
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'tooLarge';
  return null;
}

/** 1536 → "1.5 KB"; 20971520 → "20 MB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

export interface DatasetColumn {
  /** The template's header(s); when there are several, any one of them will do (区划代码 or 区县). */
  headers: string[];
  required: boolean;
}

const DIVISION: DatasetColumn = { headers: ['区划代码', '区县'], required: true };

// Mirrors the API's canonical headers (apps/api/src/imports/parsing/headers.ts) for the explanation;
// the server also accepts common variants and English names.
export const DATASET_COLUMNS: Record<ImportDataset, DatasetColumn[]> = {
  deals: [
    { headers: ['编号'], required: true },
    { headers: ['类型'], required: true },
    DIVISION,
    { headers: ['成交日期'], required: true },
    { headers: ['成交金额(元)', '成交金额(万元)'], required: true },
    { headers: ['需求方'], required: false },
    { headers: ['服务方'], required: false },
    { headers: ['名称'], required: false },
  ],
  listings: [{ headers: ['编号'], required: true }, { headers: ['类型'], required: true }, DIVISION, { headers: ['发布日期'], required: true }],
  registrations: [{ headers: ['编号'], required: true }, { headers: ['用户类型'], required: true }, DIVISION, { headers: ['注册日期'], required: true }],
  popsci: [
    DIVISION,
    { headers: ['日期'], required: true },
    { headers: ['渠道'], required: true },
    { headers: ['服务户数'], required: true },
    { headers: ['服务人次'], required: true },
  ],
};

/** Element Plus tag type of an import's status. */
export const IMPORT_STATUS_TAG: Record<'succeeded' | 'partial' | 'rejected' | 'failed', 'success' | 'warning' | 'danger' | 'info'> = {
  succeeded: 'success',
  partial: 'warning',
  rejected: 'danger',
  failed: 'danger',
};
