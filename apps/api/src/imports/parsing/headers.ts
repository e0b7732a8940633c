import { type ImportDataset } from '@app/contracts';
import { ImportFileError } from '../../spreadsheets/readers/import-file-error.js';
import { normalizeHeader } from '../../spreadsheets/readers/table.js';

export type DealField =
  | 'externalId' | 'kind' | 'divisionCode' | 'divisionName' | 'dealDate' | 'amountYuan' | 'amountWan'
  | 'demander' | 'provider' | 'title';
export type ListingField = 'externalId' | 'kind' | 'divisionCode' | 'divisionName' | 'listedDate';
export type RegistrationField = 'externalId' | 'userType' | 'divisionCode' | 'divisionName' | 'registeredDate';
export type PopsciField = 'divisionCode' | 'divisionName' | 'serviceDate' | 'channel' | 'households' | 'personTimes';

export interface DatasetFields {
  deals: DealField;
  listings: ListingField;
  registrations: RegistrationField;
  popsci: PopsciField;
}
export type FieldOf<D extends ImportDataset> = DatasetFields[D];

interface ColumnSpec<F extends string> {
  field: F;
  // The canonical header of the template, used in error messages.
  label: string;
  aliases: readonly string[];
}

// A requirement is met when at least one of its fields has a column ("区划代码 or 区县").
interface Requirement<F extends string> {
  anyOf: readonly F[];
  label: string;
  labelEn: string;
}

interface DatasetSpec<F extends string> {
  columns: readonly ColumnSpec<F>[];
  required: readonly Requirement<F>[];
  // Fields that say the same thing in different units: only one may be present.
  exclusive: readonly (readonly F[])[];
}

const EXTERNAL_ID = ['编号', '交易编号', '成交编号', '订单编号', '单号', '记录编号', 'id', 'externalid', 'no'];
const DIVISION_CODE = ['区划代码', '行政区划代码', '区域代码', '地区代码', '区县代码', 'divisioncode', 'division_code', 'areacode'];
const DIVISION_NAME = ['区县', '区(县)', '区/县', '区县名称', '行政区划', '行政区', '地区', '区域', 'district', 'division', 'divisionname'];

const divisionColumns = [
  { field: 'divisionCode', label: '区划代码', aliases: DIVISION_CODE },
  { field: 'divisionName', label: '区县', aliases: DIVISION_NAME },
] as const;
const divisionRequirement = {
  anyOf: ['divisionCode', 'divisionName'],
  label: '区划代码/区县',
  labelEn: 'division code or name',
} as const;
const externalIdRequirement = { anyOf: ['externalId'], label: '编号', labelEn: 'external id' } as const;

const DATASET_SPECS: { [D in ImportDataset]: DatasetSpec<FieldOf<D>> } = {
  deals: {
    columns: [
      { field: 'externalId', label: '编号', aliases: EXTERNAL_ID },
      { field: 'kind', label: '类型', aliases: ['类型', '交易类型', '成交类型', '类别', 'kind', 'type', 'dealkind'] },
      ...divisionColumns,
      { field: 'dealDate', label: '成交日期', aliases: ['成交日期', '交易日期', '成交时间', '日期', 'date', 'dealdate'] },
      {
        field: 'amountYuan',
        label: '成交金额(元)',
        aliases: ['成交金额(元)', '成交金额', '交易金额(元)', '交易金额', '金额(元)', '金额', 'amount', 'amount(yuan)', 'amount(元)', 'amountyuan'],
      },
      {
        field: 'amountWan',
        label: '成交金额(万元)',
        aliases: ['成交金额(万元)', '交易金额(万元)', '金额(万元)', 'amount(万元)', 'amount(10kyuan)', 'amountwan'],
      },
      { field: 'demander', label: '需求方', aliases: ['需求方', '需求单位', '需方', 'demander', 'buyer'] },
      { field: 'provider', label: '服务方', aliases: ['服务方', '服务单位', '供方', 'provider', 'seller'] },
      { field: 'title', label: '名称', aliases: ['名称', '项目名称', '成交名称', '标题', 'title', 'name'] },
    ],
    required: [
      externalIdRequirement,
      { anyOf: ['kind'], label: '类型', labelEn: 'kind' },
      divisionRequirement,
      { anyOf: ['dealDate'], label: '成交日期', labelEn: 'deal date' },
      { anyOf: ['amountYuan', 'amountWan'], label: '成交金额(元)', labelEn: 'amount' },
    ],
    exclusive: [['amountYuan', 'amountWan']],
  },
  listings: {
    columns: [
      { field: 'externalId', label: '编号', aliases: EXTERNAL_ID },
      { field: 'kind', label: '类型', aliases: ['类型', '发布类型', '类别', 'kind', 'type', 'listingkind'] },
      ...divisionColumns,
      { field: 'listedDate', label: '发布日期', aliases: ['发布日期', '上架日期', '发布时间', '日期', 'date', 'listeddate', 'publishdate'] },
    ],
    required: [
      externalIdRequirement,
      { anyOf: ['kind'], label: '类型', labelEn: 'kind' },
      divisionRequirement,
      { anyOf: ['listedDate'], label: '发布日期', labelEn: 'listed date' },
    ],
    exclusive: [],
  },
  registrations: {
    columns: [
      { field: 'externalId', label: '编号', aliases: [...EXTERNAL_ID, '用户编号', '用户id', 'userid'] },
      { field: 'userType', label: '用户类型', aliases: ['用户类型', '注册类型', '类型', 'usertype', 'type'] },
      ...divisionColumns,
      { field: 'registeredDate', label: '注册日期', aliases: ['注册日期', '注册时间', '日期', 'date', 'registereddate', 'registrationdate'] },
    ],
    required: [
      externalIdRequirement,
      { anyOf: ['userType'], label: '用户类型', labelEn: 'user type' },
      divisionRequirement,
      { anyOf: ['registeredDate'], label: '注册日期', labelEn: 'registration date' },
    ],
    exclusive: [],
  },
  popsci: {
    columns: [
      ...divisionColumns,
      { field: 'serviceDate', label: '日期', aliases: ['日期', '服务日期', 'date', 'day', 'servicedate'] },
      { field: 'channel', label: '渠道', aliases: ['渠道', '服务渠道', 'channel'] },
      { field: 'households', label: '服务户数', aliases: ['服务户数', '户数', 'households'] },
      { field: 'personTimes', label: '服务人次', aliases: ['服务人次', '人次', 'persontimes', 'person-times', 'visits'] },
    ],
    required: [
      divisionRequirement,
      { anyOf: ['serviceDate'], label: '日期', labelEn: 'date' },
      { anyOf: ['channel'], label: '渠道', labelEn: 'channel' },
      { anyOf: ['households'], label: '服务户数', labelEn: 'households' },
      { anyOf: ['personTimes'], label: '服务人次', labelEn: 'person-times' },
    ],
    exclusive: [],
  },
};

// The one header normalisation of every sheet (spreadsheets/readers/table.ts).
export { normalizeHeader };

const ALIAS_LOOKUP = Object.fromEntries(
  Object.entries(DATASET_SPECS).map(([dataset, spec]) => {
    const lookup = new Map<string, string>();
    for (const column of spec.columns as readonly ColumnSpec<string>[]) {
      for (const alias of [column.label, ...column.aliases]) lookup.set(normalizeHeader(alias), column.field);
    }
    return [dataset, lookup];
  }),
) as Record<ImportDataset, Map<string, string>>;

const ALL_ALIASES = new Set(Object.values(ALIAS_LOOKUP).flatMap((lookup) => [...lookup.keys()]));

// How many cells of a row look like headers: picks the header row below any title rows.
export function headerScore(cells: readonly string[], dataset?: ImportDataset): number {
  const known = dataset ? ALIAS_LOOKUP[dataset] : ALL_ALIASES;
  return cells.filter((cell) => cell.trim() !== '' && known.has(normalizeHeader(cell))).length;
}

export interface MatchedColumn {
  index: number;
  // The header as written in the file, so row errors name the column the user sees.
  header: string;
}

export interface HeaderMapping<F extends string> {
  columns: Partial<Record<F, MatchedColumn>>;
  ignoredHeaders: string[];
}

export function canonicalHeaders(dataset: ImportDataset): string[] {
  return (DATASET_SPECS[dataset].columns as readonly ColumnSpec<string>[]).map((column) => column.label);
}

export function matchHeaders<D extends ImportDataset>(dataset: D, headers: readonly string[]): HeaderMapping<FieldOf<D>> {
  const spec = DATASET_SPECS[dataset] as DatasetSpec<FieldOf<D>>;
  const lookup = ALIAS_LOOKUP[dataset];
  const columns: Partial<Record<FieldOf<D>, MatchedColumn>> = {};
  const ignoredHeaders: string[] = [];

  headers.forEach((header, index) => {
    if (header.trim() === '') return;
    const field = lookup.get(normalizeHeader(header)) as FieldOf<D> | undefined;
    if (!field) {
      ignoredHeaders.push(header);
      return;
    }
    const earlier = columns[field];
    if (earlier) {
      throw new ImportFileError(
        'DUPLICATE_COLUMN',
        `列“${earlier.header}”与列“${header}”重复（第 ${columnLetter(earlier.index)} 列和第 ${columnLetter(index)} 列）`,
        `Columns "${earlier.header}" and "${header}" are duplicates (columns ${columnLetter(earlier.index)} and ${columnLetter(index)})`,
        { headers: [earlier.header, header] },
      );
    }
    columns[field] = { index, header: header.trim() };
  });

  if (Object.keys(columns).length === 0) {
    throw new ImportFileError(
      'NO_HEADER',
      `未找到可识别的表头，请使用模板中的列名：${canonicalHeaders(dataset).join('、')}`,
      `No recognisable header row; use the template's column names: ${canonicalHeaders(dataset).join(', ')}`,
      { expected: canonicalHeaders(dataset) },
    );
  }

  for (const group of spec.exclusive) {
    const present = group.map((field) => columns[field]).filter((column) => column !== undefined);
    if (present.length > 1) {
      const names = present.map((column) => column.header);
      throw new ImportFileError(
        'DUPLICATE_COLUMN',
        `列“${names.join('”与“')}”含义相同，只能保留一列`,
        `Columns "${names.join('" and "')}" hold the same value in different units; keep only one`,
        { headers: names },
      );
    }
  }

  const missing = spec.required.filter((requirement) => requirement.anyOf.every((field) => !columns[field]));
  if (missing.length > 0) {
    throw new ImportFileError(
      'MISSING_COLUMNS',
      `缺少必需的列：${missing.map((requirement) => requirement.label).join('、')}`,
      `Missing required columns: ${missing.map((requirement) => requirement.labelEn).join(', ')}`,
      { missing: missing.map((requirement) => requirement.label) },
    );
  }

  return { columns, ignoredHeaders };
}

// Excel's column letters (0 → A, 26 → AA), as the user sees them.
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
