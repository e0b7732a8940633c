import { parseAmount, parseCount, parseDate } from '../../spreadsheets/readers/cell-values.js';
import { divisionOutOfScope, type DivisionLookupResult } from '../../spreadsheets/division-lookup.js';
import { cellError, cellOk, defineSheet, type CellResult, type SheetColumn } from '../../spreadsheets/sheet-spec.js';
import { type ExportCellKind, type ExportColumn } from '../../spreadsheets/sheet-writer.js';
import { type NormalizedEvent } from '../event-input.js';
import { EVENT_AUDIENCE_LABELS, type EventInput, type EventStatus } from '@app/contracts';

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

// Far enough ahead that planned events import; parseDate refuses anything after this + 1 day.
const LATEST_IMPORT_DAY = '2099-12-30';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a row is checked against: the one division lookup (counties) and the user's scope. */
export interface EventSheetContext {
  lookupDivision: (value: string) => DivisionLookupResult;
  covers: (divisionCode: string) => boolean;
}

/** A row as the import reads it: the event's fields the file has (an absent column leaves an update's value as it was). */
export interface SheetRowInput {
  id: string | null;
  input: EventInput & Record<string, unknown>;
}

type Column<T> = SheetColumn<T, EventSheetContext>;
const labelOf = (field: SheetField) => SHEET_COLUMNS.find((c) => c.field === field)!;
const header = (field: SheetField) => {
  const { label, aliases } = labelOf(field);
  return { zh: label, en: field, aliases: aliases as readonly string[], optional: !['title', 'type', 'start'].includes(field) };
};
// Absent column → undefined (kept on update); empty cell → null (cleared) or, for dates and numbers, undefined as before.
const text = (field: SheetField): Column<string | null | undefined> => ({ ...header(field), absent: () => undefined, parse: (t) => cellOk(t === '' ? null : t) });
const parsed = <T>(field: SheetField, parse: (t: string) => CellResult<T>): Column<T | undefined> => ({ ...header(field), absent: () => undefined, parse: (t) => (t === '' ? cellOk(undefined) : parse(t)) });
const list = (field: SheetField): Column<string[] | undefined> => ({ ...header(field), absent: () => undefined, parse: (t) => cellOk(t.split(LIST_SEPARATOR).map((v) => v.trim()).filter(Boolean)) });
const ignored = (field: SheetField): Column<undefined> => ({ ...header(field), parse: () => cellOk(undefined) });
const date = (t: string) => parseDate(t, LATEST_IMPORT_DAY);

/** The events sheet of the import: the export's columns, each cell parsed, and the 区县 name resolved when no code is given. */
export const EVENTS_SHEET = defineSheet<EventSheetContext>()({
  columns: {
    id: {
      ...header('id'),
      parse: (t): CellResult<string | null> => {
        const id = t.toLowerCase();
        if (id === '') return cellOk(null);
        return UUID.test(id) ? cellOk(id) : cellError('INVALID_ID', '编号应为导出文件中的活动编号，新活动请留空', 'The id must be an exported event id (UUID); leave it empty for new events');
      },
    },
    title: text('title'), type: text('type'), venue: text('venue'), organizer: text('organizer'), description: text('description'),
    division: parsed('division', (t) => cellOk(t)),
    divisionName: { ...header('divisionName'), parse: (t): CellResult<string | null> => cellOk(t === '' ? null : t) },
    start: parsed('start', date), end: parsed('end', date),
    participants: parsed('participants', parseCount), personTimes: parsed('personTimes', parseCount), onlineViews: parsed('onlineViews', parseCount),
    materials: parsed('materials', parseCount), volunteers: parsed('volunteers', parseCount),
    cost: parsed('cost', (t) => parseAmount(t, 'yuan')),
    partners: list('partners'), audience: list('audience'), indicatorIds: list('indicatorIds'),
    projectId: text('projectId'),
    status: ignored('status'), returnReason: ignored('returnReason'),
  },
  row: ({ id, divisionName, status: _status, returnReason: _reason, ...fields }, { lookupDivision, covers }) => {
    const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as EventInput & Record<string, unknown>;
    // A division given by name only (区县): the one lookup of every import, then the user's scope.
    if (!input.division && divisionName) {
      const found = lookupDivision(divisionName);
      const problem = 'error' in found ? found.error : covers(found.code) ? null : divisionOutOfScope(divisionName, found.code);
      if (problem) return { ok: false, errors: [{ column: 'divisionName', ...problem }] };
      if (!('error' in found)) input.division = found.code;
    }
    return { ok: true, value: { id, input } satisfies SheetRowInput };
  },
});
