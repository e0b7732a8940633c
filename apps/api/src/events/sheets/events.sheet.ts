import { parseAmount, parseCount, parseDate } from '../../spreadsheets/readers/cell-values.js';
import { normalizeHeader, type TableRow } from '../../spreadsheets/readers/table.js';
import { type ExportCellKind, type ExportColumn } from '../../spreadsheets/sheet-writer.js';
import { type NormalizedEvent } from '../event-input.js';
import { EVENT_AUDIENCE_LABELS, type EventAudience, type EventInput, type EventStatus } from '@app/contracts';

// The export's columns, which are also the import's headers (same conventions as the platform
// imports: Chinese headers, full-width forms and spaces insignificant, aliases accepted).
export const SHEET_COLUMNS = [
  { field: 'id', label: '编号', aliases: ['活动编号', 'id'], width: 38 },
  { field: 'title', label: '活动名称', aliases: ['标题', '名称', 'title'], width: 36 },
  { field: 'type', label: '活动类型', aliases: ['类型', 'type'], width: 14 },
  { field: 'division', label: '区划代码', aliases: ['行政区划代码', 'division', 'divisioncode'], width: 10 },
  { field: 'divisionName', label: '区县', aliases: ['区(县)', '区县名称', 'divisionname'], width: 10 },
  { field: 'start', label: '开始日期', aliases: ['日期', '活动日期', 'start', 'startdate'], width: 12 },
  { field: 'end', label: '结束日期', aliases: ['end', 'enddate'], width: 12 },
  { field: 'venue', label: '地点/社区', aliases: ['地点', '活动地点', '社区', '地点(社区)', 'venue'], width: 24 },
  { field: 'organizer', label: '主办单位', aliases: ['组织单位', 'organizer'], width: 20 },
  { field: 'partners', label: '协办单位', aliases: ['合作单位', 'partners'], width: 24 },
  { field: 'audience', label: '受众', aliases: ['受众群体', '参与对象', 'audience'], width: 18 },
  { field: 'participants', label: '参与人数', aliases: ['人数', 'participants'], width: 10 },
  { field: 'personTimes', label: '人次', aliases: ['参与人次', '服务人次', 'persontimes'], width: 10 },
  { field: 'onlineViews', label: '线上浏览量', aliases: ['浏览量', '线上观看', 'onlineviews'], width: 11 },
  { field: 'materials', label: '发放资料(份)', aliases: ['发放资料', '宣传资料(份)', '资料(份)', 'materials'], width: 12 },
  { field: 'volunteers', label: '志愿者人数', aliases: ['志愿者', 'volunteers'], width: 10 },
  { field: 'cost', label: '经费(元)', aliases: ['经费', '费用(元)', '费用', 'cost'], width: 12 },
  { field: 'projectId', label: '预算项目编号', aliases: ['预算项目', 'projectid'], width: 38 },
  { field: 'indicatorIds', label: '绩效指标编号', aliases: ['绩效指标', 'indicatorids'], width: 38 },
  { field: 'description', label: '活动简介', aliases: ['描述', '简介', '说明', 'description'], width: 40 },
  { field: 'status', label: '状态', aliases: ['status'], width: 8 },
  { field: 'returnReason', label: '退回原因', aliases: ['returnreason'], width: 20 },
] as const;
export type SheetField = (typeof SHEET_COLUMNS)[number]['field'];

export const STATUS_LABELS: Record<EventStatus, string> = { draft: '草稿', submitted: '待审核', approved: '已通过', returned: '已退回' };

export interface ExportRow {
  event: NormalizedEvent & { id: string; status: EventStatus; returnReason: string | null };
  typeNameZh: string;
  divisionName: string;
}

const LIST_SEPARATOR = /[、,，;；\n]+/;

const CELL_KINDS: Partial<Record<SheetField, ExportCellKind>> = {
  id: 'code', division: 'code', projectId: 'code', indicatorIds: 'code',
  start: 'date', end: 'date',
  participants: 'count', personTimes: 'count', onlineViews: 'count', materials: 'count', volunteers: 'count',
  cost: 'amount',
};

/** The export's typed columns (same headers and order as the import reads). */
export const EVENT_EXPORT_COLUMNS: ExportColumn<ExportRow>[] = SHEET_COLUMNS.map((column) => {
  const kind: ExportCellKind = CELL_KINDS[column.field] ?? 'text';
  return { zh: column.label, en: column.field, kind, width: column.width, value: (row: ExportRow) => exportValue(row, column.field) };
});

function exportValue({ event, typeNameZh, divisionName }: ExportRow, field: SheetField): string | number | null {
  switch (field) {
    case 'id': return event.id;
    case 'title': return event.title;
    case 'type': return typeNameZh;
    case 'division': return event.division;
    case 'divisionName': return divisionName;
    case 'start': return event.start;
    case 'end': return event.end;
    case 'venue': return event.venue;
    case 'organizer': return event.organizer;
    case 'partners': return event.partners.join('、');
    case 'audience': return event.audience.map((a) => EVENT_AUDIENCE_LABELS[a].zh).join('、');
    case 'participants': return event.participants;
    case 'personTimes': return event.personTimes;
    case 'onlineViews': return event.onlineViews;
    case 'materials': return event.materials;
    case 'volunteers': return event.volunteers;
    case 'cost': return event.cost;
    case 'projectId': return event.projectId;
    case 'indicatorIds': return event.indicatorIds.join(',');
    case 'description': return event.description;
    case 'status': return STATUS_LABELS[event.status];
    case 'returnReason': return event.returnReason;
  }
}

const LOOKUP = new Map<string, SheetField>(
  SHEET_COLUMNS.flatMap((column) => [column.label, ...column.aliases].map((alias) => [normalizeHeader(alias), column.field] as [string, SheetField])),
);

/** How many of the sheet's columns a candidate header row names (title rows may sit above the header). */
export function eventHeaderScore(cells: readonly string[]): number {
  return cells.filter((cell) => cell.trim() !== '' && LOOKUP.has(normalizeHeader(cell))).length;
}

export interface SheetMapping {
  columns: Partial<Record<SheetField, { index: number; header: string }>>;
  problems: Array<{ column: string; code: string; message: string; messageEn: string }>;
}

/** Maps the header row onto fields; unknown headers are ignored, duplicates and missing essentials reported. */
export function mapSheetHeaders(headers: readonly string[]): SheetMapping {
  const columns: SheetMapping['columns'] = {};
  const problems: SheetMapping['problems'] = [];
  headers.forEach((header, index) => {
    const field = LOOKUP.get(normalizeHeader(header));
    if (!field) return;
    if (columns[field]) {
      problems.push({ column: header, code: 'DUPLICATE_COLUMN', message: `列“${columns[field].header}”与列“${header}”重复`, messageEn: `duplicate columns "${columns[field].header}" and "${header}"` });
    }
    else columns[field] = { index, header: header.trim() };
  });
  const missing = (['title', 'type', 'start'] as const).filter((field) => !columns[field]).map((field) => SHEET_COLUMNS.find((c) => c.field === field)!.label);
  if (missing.length) problems.push({ column: missing.join('、'), code: 'MISSING_COLUMNS', message: `缺少必需的列：${missing.join('、')}`, messageEn: `missing required columns: ${missing.join(', ')}` });
  return { columns, problems };
}

export interface SheetRowInput {
  row: number;
  id: string | null;
  divisionName: string | null;
  input: EventInput & Record<string, unknown>;
  /** Cell problems found before the event rules run: field → message. */
  cellErrors: Array<{ field: SheetField; code: string; message: string; messageEn: string; value: string }>;
}

// Far enough ahead that planned events import; parseDate refuses anything after this + 1 day.
const LATEST_IMPORT_DAY = '2099-12-30';

/** One data row → the raw event input, with the cell-level problems (dates, counts, amounts). */
export function readSheetRow(row: TableRow, mapping: SheetMapping): SheetRowInput {
  const cell = (field: SheetField): string => {
    const column = mapping.columns[field];
    return column ? (row.cells[column.index] ?? '').trim() : '';
  };
  const cellErrors: SheetRowInput['cellErrors'] = [];
  const input: EventInput & Record<string, unknown> = {};
  const text = (field: SheetField & keyof EventInput) => {
    const value = cell(field);
    if (mapping.columns[field]) (input as Record<string, unknown>)[field] = value === '' ? null : value;
  };
  text('title');
  text('type');
  text('venue');
  text('organizer');
  text('description');
  for (const field of ['start', 'end'] as const) {
    const value = cell(field);
    if (value === '') continue;
    const parsed = parseDate(value, LATEST_IMPORT_DAY);
    if (parsed.ok) input[field] = parsed.value;
    else cellErrors.push({ field, code: parsed.code, message: parsed.message, messageEn: parsed.messageEn, value });
  }
  const division = cell('division');
  if (division) input.division = division;
  for (const field of ['participants', 'personTimes', 'onlineViews', 'materials', 'volunteers'] as const) {
    const value = cell(field);
    if (value === '') continue;
    const parsed = parseCount(value);
    if (parsed.ok) input[field] = parsed.value;
    else cellErrors.push({ field, code: parsed.code, message: parsed.message, messageEn: parsed.messageEn, value });
  }
  const cost = cell('cost');
  if (cost !== '') {
    const parsed = parseAmount(cost, 'yuan');
    if (parsed.ok) input.cost = parsed.value;
    else cellErrors.push({ field: 'cost', code: parsed.code, message: parsed.message, messageEn: parsed.messageEn, value: cost });
  }
  const split = (value: string) => value.split(LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean);
  if (mapping.columns.partners) input.partners = split(cell('partners'));
  if (mapping.columns.audience) input.audience = split(cell('audience')) as EventAudience[];
  if (mapping.columns.indicatorIds) input.indicatorIds = split(cell('indicatorIds'));
  const project = cell('projectId');
  if (mapping.columns.projectId) input.projectId = project === '' ? null : project;
  const id = cell('id');
  return { row: row.row, id: id === '' ? null : id.toLowerCase(), divisionName: cell('divisionName') || null, input, cellErrors };
}

export function headerOf(mapping: SheetMapping, field: string): string {
  const column = mapping.columns[field as SheetField];
  return column?.header ?? SHEET_COLUMNS.find((c) => c.field === field)?.label ?? field;
}
