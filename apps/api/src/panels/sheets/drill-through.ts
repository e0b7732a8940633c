import { type ExportColumn, type ExportCellKind } from '../../spreadsheets/sheet-writer.js';
import {
  DEAL_KIND_LABELS,
  LISTING_KIND_LABELS,
  METRICS_BY_CODE,
  POPSCI_CHANNEL_LABELS,
  REGISTRATION_TYPE_LABELS,
  type FactColumn,
} from '@app/contracts';

export type FactRecord = Record<string, string | number | null>;

interface DrillColumn extends FactColumn {
  kind: ExportCellKind;
  width?: number;
  /** Stored code → Chinese label, for the file (the screen has its own labels). */
  labels?: Record<string, string>;
  total?: boolean;
  /** For a total column: the SQL expression summed for the drill-through's 合计 row. */
  sum?: string;
}

/** The facts behind one metric family: the SQL pieces and the columns (screen and file). */
export interface DrillThrough {
  table: string;
  dateColumn: string;
  join: string;
  filter: string;
  select: string;
  columns: DrillColumn[];
}

const DIVISION: DrillColumn = { key: 'division', zh: '区划', en: 'Division', kind: 'text', width: 12 };
const ID: DrillColumn = { key: 'externalId', zh: '编号', en: 'ID', kind: 'code', width: 14 };

/** The drill-through of a catalogue metric, or null when it has none. */
export function drillThrough(metric: string): DrillThrough | null {
  // Only catalogue codes: the kind below becomes part of the SQL text, so nothing else may reach it.
  if (!Object.hasOwn(METRICS_BY_CODE, metric)) return null;
  const [family, kind] = metric.split('.');
  if (family === 'deals') {
    return {
      table: 'deal', dateColumn: 'deal_date', join: '',
      filter: kind === 'total' ? '' : `AND f.kind = '${kind}'`,
      columns: [
        ID, { key: 'kind', zh: '类型', en: 'Kind', kind: 'text', width: 12, labels: DEAL_KIND_LABELS }, DIVISION,
        { key: 'date', zh: '成交日期', en: 'Date', kind: 'date' }, { key: 'amount', zh: '成交金额(元)', en: 'Amount (yuan)', kind: 'amount', total: true, sum: 'f.amount' },
        { key: 'title', zh: '名称', en: 'Title', kind: 'text', width: 36 }, { key: 'demander', zh: '需求方', en: 'Demander', kind: 'text', width: 24 },
        { key: 'provider', zh: '服务方', en: 'Provider', kind: 'text', width: 24 },
      ],
      select: `f.external_id AS "externalId", f.kind, d.name AS division, f.deal_date::text AS date, f.amount::text AS amount, f.title, f.demander, f.provider`,
    };
  }
  if (family === 'listings') {
    return {
      table: 'listing', dateColumn: 'listed_date', join: '', filter: `AND f.kind = '${kind}'`,
      columns: [ID, { key: 'kind', zh: '类型', en: 'Kind', kind: 'text', width: 12, labels: LISTING_KIND_LABELS }, DIVISION, { key: 'date', zh: '发布日期', en: 'Date', kind: 'date' }],
      select: `f.external_id AS "externalId", f.kind, d.name AS division, f.listed_date::text AS date`,
    };
  }
  if (family === 'registrations') {
    return {
      table: 'registration', dateColumn: 'registered_date', join: '', filter: kind === 'total' ? '' : `AND f.user_type = '${kind}'`,
      columns: [ID, { key: 'userType', zh: '用户类型', en: 'User type', kind: 'text', width: 12, labels: REGISTRATION_TYPE_LABELS }, DIVISION, { key: 'date', zh: '注册日期', en: 'Date', kind: 'date' }],
      select: `f.external_id AS "externalId", f.user_type AS "userType", d.name AS division, f.registered_date::text AS date`,
    };
  }
  if (family === 'popsci') {
    return {
      table: 'popsci_service', dateColumn: 'service_date', join: '', filter: '',
      columns: [
        DIVISION, { key: 'date', zh: '日期', en: 'Date', kind: 'date' }, { key: 'channel', zh: '渠道', en: 'Channel', kind: 'text', labels: POPSCI_CHANNEL_LABELS },
        { key: 'households', zh: '服务户数', en: 'Households', kind: 'count', total: true, sum: 'f.households' },
        { key: 'personTimes', zh: '服务人次', en: 'Person-times', kind: 'count', total: true, sum: 'f.person_times' },
      ],
      select: `d.name AS division, f.service_date::text AS date, f.channel, f.households, f.person_times AS "personTimes"`,
    };
  }
  if (family === 'events') {
    return {
      table: 'outreach_event', dateColumn: 'start_date', join: 'LEFT JOIN event_type t ON t.code = f.type', filter: `AND f.status = 'approved'`,
      columns: [
        { key: 'title', zh: '活动名称', en: 'Title', kind: 'text', width: 36 }, { key: 'type', zh: '类型', en: 'Type', kind: 'text', width: 12 }, DIVISION,
        { key: 'date', zh: '开始日期', en: 'Start', kind: 'date' }, { key: 'personTimes', zh: '人次', en: 'Person-times', kind: 'count', total: true, sum: 'f.person_times' },
        { key: 'materials', zh: '资料(份)', en: 'Materials', kind: 'count', total: true, sum: 'f.materials' },
      ],
      // The type's name, as the events list shows it (a retired type keeps its name).
      select: `f.title, coalesce(t.name_zh, f.type) AS type, d.name AS division, f.start_date::text AS date, f.person_times AS "personTimes", f.materials`,
    };
  }
  return null;
}

/** The file's columns: typed cells, kinds as their Chinese labels. */
export function drillThroughSheetColumns(drill: DrillThrough): ExportColumn<FactRecord>[] {
  return drill.columns.map((column) => ({
    zh: column.zh,
    en: column.en,
    kind: column.kind,
    width: column.width,
    total: column.total,
    value: (row: FactRecord) => {
      const value = row[column.key];
      return column.labels && typeof value === 'string' ? (column.labels[value] ?? value) : value;
    },
  }));
}
