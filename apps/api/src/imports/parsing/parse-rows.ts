import {
  DEAL_KINDS,
  DEAL_KIND_LABELS,
  LISTING_KINDS,
  LISTING_KIND_LABELS,
  POPSCI_CHANNELS,
  POPSCI_CHANNEL_LABELS,
  REGISTRATION_TYPES,
  REGISTRATION_TYPE_LABELS,
  type DealKind,
  type ImportDataset,
  type ListingKind,
  type PopsciChannel,
  type RegistrationType,
} from '@app/contracts';
import { parseAmount, parseCount, parseDate, parseKind, todayInShanghai, type RowErrorCode, type ValueResult } from '../../spreadsheets/readers/cell-values.js';
import { matchHeaders, type FieldOf, type HeaderMapping } from './headers.js';
import { type ReadTableResult, type TableRow } from '../../spreadsheets/readers/table.js';
import { type DivisionLookupError } from '../../spreadsheets/division-lookup.js';

export interface ParsedDeal {
  row: number;
  externalId: string;
  kind: DealKind;
  divisionCode: string;
  dealDate: string;
  // 元, exact, two decimals ("92708000.00").
  amountYuan: string;
  demander: string | null;
  provider: string | null;
  title: string | null;
}

export interface ParsedListing {
  row: number;
  externalId: string;
  kind: ListingKind;
  divisionCode: string;
  listedDate: string;
}

export interface ParsedRegistration {
  row: number;
  externalId: string;
  userType: RegistrationType;
  divisionCode: string;
  registeredDate: string;
}

export interface ParsedPopsciService {
  row: number;
  divisionCode: string;
  serviceDate: string;
  channel: PopsciChannel;
  households: number;
  personTimes: number;
}

export interface ParsedRows {
  deals: ParsedDeal;
  listings: ParsedListing;
  registrations: ParsedRegistration;
  popsci: ParsedPopsciService;
}
export type ParsedRow = ParsedRows[ImportDataset];

// One problem in one cell; the shape of the import response's errors.
export interface RowError {
  row: number;
  // The header as written in the file.
  column: string;
  value: string;
  code: RowErrorCode;
  message: string;
  messageEn: string;
}

export interface ParseContext {
  resolveDivision(codeOrName: string): { code: string } | { error: DivisionLookupError };
  // YYYY-MM-DD in Asia/Shanghai; defaults to the current day there.
  today?: string;
}

export interface ParseResult<R> {
  rows: R[];
  errors: RowError[];
  ignoredHeaders: string[];
}

const MAX_EXTERNAL_ID_LENGTH = 100;
const MAX_TEXT_LENGTH = 500;
// The platform's back office writes the listing kind as "科研项目发布" in some exports.
const LISTING_KIND_VARIANTS: Partial<Record<string, ListingKind>> = { 科研项目发布: 'research_project' };

// Reads one data row: every accessor records its own error and returns undefined, so one pass
// reports all problems of the row.
class RowReader<F extends string> {
  readonly errors: RowError[] = [];

  constructor(
    private readonly mapping: HeaderMapping<F>,
    private readonly tableRow: TableRow,
  ) {}

  has(field: F): boolean {
    return this.mapping.columns[field] !== undefined;
  }

  raw(field: F): string {
    const column = this.mapping.columns[field];
    return column ? (this.tableRow.cells[column.index] ?? '').trim() : '';
  }

  // The cell's text, or undefined (with an error) when it is required and empty or unreadable.
  text(field: F, required: boolean, maxLength = MAX_TEXT_LENGTH): string | null | undefined {
    const column = this.mapping.columns[field];
    if (!column) return null;
    const issue = this.tableRow.cellIssues?.find((cellIssue) => cellIssue.column === column.index);
    if (issue) {
      this.fail(field, '', 'CELL_ERROR', issue.message, issue.messageEn);
      return undefined;
    }
    const value = this.raw(field);
    if (value === '') {
      if (!required) return null;
      this.fail(field, value, 'REQUIRED', '必填项为空', 'required value is empty');
      return undefined;
    }
    if (value.length > maxLength) {
      this.fail(field, value, 'TEXT_TOO_LONG', `超过 ${maxLength} 个字符`, `longer than ${maxLength} characters`);
      return undefined;
    }
    return value;
  }

  value<T>(field: F, parse: (text: string) => ValueResult<T>): T | undefined {
    const text = this.text(field, true);
    if (text === undefined || text === null) return undefined;
    const result = parse(text);
    if (result.ok) return result.value;
    this.fail(field, text, result.code, result.message, result.messageEn);
    return undefined;
  }

  header(field: F): string {
    return this.mapping.columns[field]?.header ?? '';
  }

  fail(field: F, value: string, code: RowErrorCode, message: string, messageEn: string): void {
    this.errors.push({ row: this.tableRow.row, column: this.header(field), value, code, message, messageEn });
  }
}

type DivisionField = 'divisionCode' | 'divisionName';

// 区划代码 wins over 区县 when both columns exist and the code cell is filled.
function readDivision<F extends string>(reader: RowReader<F | DivisionField>, ctx: ParseContext): string | undefined {
  const useCode = reader.has('divisionCode') && (reader.raw('divisionCode') !== '' || !reader.has('divisionName'));
  const field: DivisionField = useCode ? 'divisionCode' : 'divisionName';
  const value = reader.text(field, true, 100);
  if (value === undefined || value === null) return undefined;
  if (useCode && !/^\d{6}$/.test(value)) {
    reader.fail(field, value, 'INVALID_DIVISION_CODE', '区划代码应为 6 位数字', 'division code must be 6 digits');
    return undefined;
  }
  const resolved = ctx.resolveDivision(value);
  if ('error' in resolved) {
    reader.fail(field, value, resolved.error.code, resolved.error.message, resolved.error.messageEn);
    return undefined;
  }
  return resolved.code;
}

type RowParserFn<D extends ImportDataset> = (reader: RowReader<FieldOf<D>>, ctx: ParseContext, today: string) => ParsedRows[D] | undefined;

// Each parser reads every cell before checking, so all problems of a row are reported at once.
const ROW_PARSERS: { [D in ImportDataset]: RowParserFn<D> } = {
  deals: (reader, ctx, today) => {
    const externalId = reader.text('externalId', true, MAX_EXTERNAL_ID_LENGTH);
    const kind = reader.value('kind', (text) => parseKind(text, DEAL_KINDS, DEAL_KIND_LABELS));
    const divisionCode = readDivision(reader, ctx);
    const dealDate = reader.value('dealDate', (text) => parseDate(text, today));
    const amountYuan = reader.has('amountWan')
      ? reader.value('amountWan', (text) => parseAmount(text, 'wan'))
      : reader.value('amountYuan', (text) => parseAmount(text, 'yuan'));
    const demander = reader.text('demander', false);
    const provider = reader.text('provider', false);
    const title = reader.text('title', false);
    if (!externalId || !kind || !divisionCode || !dealDate || !amountYuan) return undefined;
    if (demander === undefined || provider === undefined || title === undefined) return undefined;
    return { row: 0, externalId, kind, divisionCode, dealDate, amountYuan, demander, provider, title };
  },
  listings: (reader, ctx, today) => {
    const externalId = reader.text('externalId', true, MAX_EXTERNAL_ID_LENGTH);
    const kind = reader.value('kind', (text) => parseKind(text, LISTING_KINDS, LISTING_KIND_LABELS, LISTING_KIND_VARIANTS));
    const divisionCode = readDivision(reader, ctx);
    const listedDate = reader.value('listedDate', (text) => parseDate(text, today));
    if (!externalId || !kind || !divisionCode || !listedDate) return undefined;
    return { row: 0, externalId, kind, divisionCode, listedDate };
  },
  registrations: (reader, ctx, today) => {
    const externalId = reader.text('externalId', true, MAX_EXTERNAL_ID_LENGTH);
    const userType = reader.value('userType', (text) => parseKind(text, REGISTRATION_TYPES, REGISTRATION_TYPE_LABELS));
    const divisionCode = readDivision(reader, ctx);
    const registeredDate = reader.value('registeredDate', (text) => parseDate(text, today));
    if (!externalId || !userType || !divisionCode || !registeredDate) return undefined;
    return { row: 0, externalId, userType, divisionCode, registeredDate };
  },
  popsci: (reader, ctx, today) => {
    const divisionCode = readDivision(reader, ctx);
    const serviceDate = reader.value('serviceDate', (text) => parseDate(text, today));
    const channel = reader.value('channel', (text) => parseKind(text, POPSCI_CHANNELS, POPSCI_CHANNEL_LABELS));
    const households = reader.value('households', parseCount);
    const personTimes = reader.value('personTimes', parseCount);
    if (!divisionCode || !serviceDate || !channel || households === undefined || personTimes === undefined) return undefined;
    return { row: 0, divisionCode, serviceDate, channel, households, personTimes };
  },
};

// A file must not say the same thing twice: external ids are unique per kind (as in the
// database), 科普 counts per division, day and channel.
function uniquenessKey(dataset: ImportDataset, row: ParsedRow): { key: string; fields: string[] } {
  switch (dataset) {
    case 'deals':
    case 'listings': {
      const fact = row as ParsedDeal | ParsedListing;
      return { key: `${fact.kind}\u0000${fact.externalId}`, fields: ['externalId'] };
    }
    case 'registrations': {
      const fact = row as ParsedRegistration;
      return { key: `${fact.userType}\u0000${fact.externalId}`, fields: ['externalId'] };
    }
    case 'popsci': {
      const fact = row as ParsedPopsciService;
      return { key: `${fact.divisionCode}\u0000${fact.serviceDate}\u0000${fact.channel}`, fields: ['divisionCode', 'divisionName', 'serviceDate', 'channel'] };
    }
  }
}

export interface RowParser<D extends ImportDataset> {
  mapping: HeaderMapping<FieldOf<D>>;
  /** Parses one data row: the typed row when it has no error, and its errors (no duplicate check). */
  parse(tableRow: TableRow): { row: ParsedRows[D] | undefined; errors: RowError[] };
}

/** The per-row rules of parseRows for one header mapping, for callers that read rows one by one. */
export function createRowParser<D extends ImportDataset>(dataset: D, headers: string[], ctx: ParseContext): RowParser<D> {
  const mapping = matchHeaders(dataset, headers);
  const today = ctx.today ?? todayInShanghai();
  const parseRow = ROW_PARSERS[dataset] as RowParserFn<D>;
  return {
    mapping,
    parse(tableRow) {
      const reader = new RowReader<FieldOf<D>>(mapping, tableRow);
      const parsed = parseRow(reader, ctx, today);
      if (parsed && reader.errors.length === 0) return { row: { ...parsed, row: tableRow.row }, errors: [] };
      return { row: undefined, errors: reader.errors };
    },
  };
}

export function parseRows<D extends ImportDataset>(dataset: D, table: ReadTableResult, ctx: ParseContext): ParseResult<ParsedRows[D]> {
  const { mapping, parse } = createRowParser(dataset, table.headers, ctx);
  const rows: ParsedRows[D][] = [];
  const errors: RowError[] = [];
  const firstRowByKey = new Map<string, number>();

  for (const tableRow of table.rows) {
    const { row: parsed, errors: rowErrors } = parse(tableRow);
    if (parsed) {
      const { key, fields } = uniquenessKey(dataset, parsed);
      const firstRow = firstRowByKey.get(key);
      if (firstRow === undefined) {
        firstRowByKey.set(key, tableRow.row);
        rows.push(parsed);
        continue;
      }
      const raw = (field: string) => {
        const column = mapping.columns[field as FieldOf<D>];
        return column ? (tableRow.cells[column.index] ?? '').trim() : '';
      };
      const duplicateColumns = fields.map((field) => mapping.columns[field as FieldOf<D>]?.header ?? '').filter((header) => header !== '');
      const isId = fields[0] === 'externalId';
      errors.push({
        row: tableRow.row,
        column: dataset === 'popsci' ? duplicateColumns.join('+') : duplicateColumns[0],
        value: fields.map(raw).filter((value) => value !== '').join(' / '),
        code: isId ? 'DUPLICATE_ID' : 'DUPLICATE_KEY',
        message: isId ? `编号与第 ${firstRow} 行重复` : `与第 ${firstRow} 行的区县、日期、渠道相同`,
        messageEn: isId ? `same external id as row ${firstRow}` : `same division, date and channel as row ${firstRow}`,
      });
      continue;
    }
    errors.push(...rowErrors);
  }
  return { rows, errors, ignoredHeaders: mapping.ignoredHeaders };
}
